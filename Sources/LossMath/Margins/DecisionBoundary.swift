#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a target with a margin wins against one rival, as functions of the transform.
///
/// Against a rival at cosine `c_r` the target wins iff `f(cos θ_y) > c_r`. In the
/// (θ_y, θ_r) plane the boundary is `θ_r = β(θ_y) = arccos f(cos θ_y)` while `f ≥ −1`;
/// where `f < −1` the target never wins (every rival angle beats it). The margin at θ_y is
/// `β(θ_y) − θ_y`: NormFace 0, ArcFace a constant m (for θ_y ≤ π − m), CosFace varying
/// with θ_y. Angles here are in degrees, as the screens show them. See Docs/Math.md,
/// "Decision boundaries".
public enum DecisionBoundary {
    /// The strongest rival of the target.
    public struct Rival: Hashable, Sendable {
        /// `r = argmax_{j≠y} cos θ_j`, the lowest index on ties.
        public var index: Int
        /// `cos θ_r`.
        public var cosine: Double
    }

    /// `argmax_{j≠y} cos θ_j` (lowest index on ties), nil when there is no other class.
    public static func strongestRival(cosines: [Double], target: Int) -> Rival? {
        var best: Rival?
        for (j, c) in cosines.enumerated() where j != target {
            if best == nil || c > best!.cosine { best = Rival(index: j, cosine: c) }
        }
        return best
    }

    /// `θ` in degrees for a cosine, `arccos` clamped to [−1, 1] (boundary values may
    /// step a rounding past ±1, as `cos θ − m` does at θ = 0 with m = 0).
    static func degrees(acosOf c: Double) -> Double {
        acos(min(1, max(-1, c))) * 180 / Double.pi
    }

    /// `β(θ_y)` in degrees: the rival angle at which the target ties, `arccos f(cos θ_y)`.
    ///
    /// nil where `f(cos θ_y) < −1`: the target never wins there. `f > 1` (a negative
    /// cosine margin) gives 0°: the target wins at every rival angle.
    public static func rivalAngle(transform: TargetTransform, targetDegrees: Double) -> Double? {
        let f = transform.value(Angle.cosine(degrees: targetDegrees))
        guard f >= -1 else { return nil }
        return degrees(acosOf: f)
    }

    /// The margin at θ_y in degrees, `β(θ_y) − θ_y`; nil where the target never wins.
    public static func marginDegrees(transform: TargetTransform, targetDegrees: Double) -> Double? {
        rivalAngle(transform: transform, targetDegrees: targetDegrees).map { $0 - targetDegrees }
    }

    /// The target angle θ_y in degrees at which the target, with the transform, stops
    /// beating a rival at `rivalCosine`: the smallest θ_y with `f(cos θ_y) ≤ c_r`.
    ///
    /// nil when the target loses even at θ_y = 0 (`f(1) ≤ c_r`); 180 when it wins
    /// everywhere. For a shift `f = c − m` this is `arccos(c_r + m)` in closed form;
    /// otherwise a scan in steps of 0.25° finds the first angle that loses (the easy
    /// margin is not monotone) and bisection refines it to the last bit.
    public static func crossing(transform: TargetTransform, rivalCosine: Double) -> Double? {
        if let shift = transform.cosineShift {
            let c = rivalCosine + shift
            guard c <= 1 else { return nil }
            return degrees(acosOf: max(-1, c))
        }
        func wins(_ degrees: Double) -> Bool {
            transform.value(Angle.cosine(degrees: degrees)) > rivalCosine
        }
        guard wins(0) else { return nil }
        var low = 0.0
        var high = 0.25
        while wins(high) {
            if high >= 180 { return 180 }
            low = high
            high = min(180, high + 0.25)
        }
        while high - low > 1e-12 {
            let middle = (low + high) / 2
            if wins(middle) { low = middle } else { high = middle }
        }
        return high
    }

    /// The boundaries in the (θ_y, θ_r) plane, in degrees, at the given target angles.
    ///
    /// `targetWins`: `θ_r = β(θ_y)`, where the target (with its margin) ties the rival;
    /// points where the target never wins are left out. `rivalWins`: the same boundary
    /// with the roles exchanged (the rival, as a target, gets the margin): `θ_r` with
    /// `f(cos θ_r) = cos θ_y`, which for a shift is `arccos(cos θ_y + m)` and otherwise
    /// the mirror image of `targetWins` across the diagonal.
    public static func curves(transform: TargetTransform, targetDegrees: [Double])
        -> (targetWins: [(x: Double, y: Double)], rivalWins: [(x: Double, y: Double)])
    {
        let targetWins = targetDegrees.compactMap { x in
            rivalAngle(transform: transform, targetDegrees: x).map { (x: x, y: $0) }
        }
        let rivalWins: [(x: Double, y: Double)]
        if let shift = transform.cosineShift {
            rivalWins = targetDegrees.compactMap { x in
                let c = Angle.cosine(degrees: x) + shift
                guard c >= -1, c <= 1 else { return nil }
                return (x: x, y: degrees(acosOf: c))
            }
        } else {
            rivalWins = targetWins.map { (x: $0.y, y: $0.x) }.sorted { $0.x < $1.x }
        }
        return (targetWins, rivalWins)
    }

    /// Whether the target class wins at a direction of the plane (the geometry screen's arcs).
    ///
    /// With class directions `φ_j` in degrees, a unit feature at `φ` has `cos θ_j = cos(φ − φ_j)`;
    /// the target wins there when `f(cos θ_y) ≥ max_{j≠y} cos θ_j` (ties count for the
    /// target, so NormFace's arcs meet). With no rival the target wins everywhere.
    public static func targetWins(
        atDegrees phi: Double, classDirections: [Double], target: Int,
        transform: TargetTransform
    ) -> Bool {
        var best = -1.0
        for (j, direction) in classDirections.enumerated() where j != target {
            best = max(best, Angle.cosine(degrees: phi - direction))
        }
        return transform.value(Angle.cosine(degrees: phi - classDirections[target])) >= best
    }

    /// The rank-1 boundary in the (cos θ_y, max rival cos θ_j) plane of a batch:
    /// `max_j c_j = f(c_y)` for target cosines from `low` to `high`.
    ///
    /// Samples above it have rank > 1 (their margin is violated). For a shift `f = c − m` it
    /// is the straight line through its two ends; otherwise 65 points on [low, high] ∩ [−1, 1].
    public static func rankBoundary(transform: TargetTransform, from low: Double, to high: Double)
        -> [(x: Double, y: Double)]
    {
        if let shift = transform.cosineShift {
            return [(x: low, y: low - shift), (x: high, y: high - shift)]
        }
        let a = max(-1, low), b = min(1, high)
        guard a <= b else { return [] }
        return (0...64).map { i in
            let c = i == 64 ? b : a + (b - a) * Double(i) / 64
            return (x: c, y: transform.value(c))
        }
    }
}
