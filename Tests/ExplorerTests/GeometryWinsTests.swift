import LossMath
import Testing

@testable import Explorer

/// The geometry screen's arcs come from one table of cosines shared by both transforms: it must
/// decide as `DecisionBoundary.targetWins` does, degree by degree, and its circle must be `point`'s.
@Suite struct GeometryWinsTests {
    @Test func theSharedTableDecidesAsTargetWins() {
        let transforms: [TargetTransform] = [
            .identity, .additiveCosine(margin: 0.35), .additiveCosine(margin: -0.2),
            .additiveAngular(margin: 0.5, fallback: .sinmm), .additiveAngular(margin: 0.5, fallback: .none),
            .multiplicativeAngular(margin: 4, lambda: 5), .combined(angleFactor: 1, angleMargin: 0.3, cosineMargin: 0.2),
        ]
        var lists: [[Double]] = [[0, 90, 180, 270], [12.5, 80, 95.25, 200, 333.3], [30, 30, 150], [0, 360, 720.5, -45]]
        var seed: UInt64 = 99
        for _ in 0..<20 {
            lists.append(
                (0..<Int(2 + seed % 9)).map { _ in
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Double(seed >> 40) / Double(1 << 24) * 720 - 180
                })
        }
        for directions in lists {
            for target in directions.indices {
                let table = GeometryScreen.wins(directions: directions, target: target, transforms: transforms)
                for (k, transform) in transforms.enumerated() {
                    for i in 0...360 {
                        let expected = DecisionBoundary.targetWins(
                            atDegrees: Double(i), classDirections: directions, target: target, transform: transform)
                        #expect(table[k][i] == expected, "\(directions) target \(target) \(transform) at \(i)°")
                    }
                }
            }
        }
    }

    @Test func theKeptUnitVectorsArePointsOnTheCircle() {
        for i in 0...360 {
            let kept = GeometryScreen.wholeDegreeUnitVectors[i], fresh = GeometryScreen.point(Double(i))
            #expect(kept.x.bitPattern == fresh.x.bitPattern && kept.y.bitPattern == fresh.y.bitPattern)
            let arc = GeometryScreen.arc(radius: 1.15) { $0 == i }[i], far = GeometryScreen.point(Double(i), 1.15)
            #expect(arc.x.bitPattern == far.x.bitPattern && arc.y.bitPattern == far.y.bitPattern)
        }
    }
}
