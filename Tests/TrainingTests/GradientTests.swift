import LossMath
import Testing

@testable import Training

/// Every parameter's gradient against central finite differences of the loss.
@Suite struct GradientTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var loss: TrainingLoss
        var activation: Activation
        var testDescription: String { "\(loss.rawValue), \(activation.rawValue)" }
    }

    static let cases = TrainingLoss.allCases.flatMap { loss in Activation.allCases.map { Case(loss: loss, activation: $0) } }

    /// A small network and batch: d = 3, h = 5, C = 4, n = 6, random inputs and labels.
    static func problem(_ testCase: Case, seed: UInt64) -> (network: Network, inputs: [Double], labels: [Int], objective: Objective) {
        var network = Network(inputCount: 3, hiddenWidth: 5, classCount: 4, activation: testCase.activation, seed: seed)
        var rng = SplitMix64(seed: seed &+ 100)
        // Class weights of different lengths, so that the 1/‖W_j‖ factors are exercised.
        for j in 0..<4 {
            let stretch = 0.5 + 1.5 * rng.unitInterval()
            network.parameters[network.classWeights + 2 * j] *= stretch
            network.parameters[network.classWeights + 2 * j + 1] *= stretch
        }
        for i in network.firstBias..<(network.firstBias + 5) { network.parameters[i] = 0.3 * rng.gaussian() }
        network.parameters[network.secondBias] = 0.2
        network.parameters[network.secondBias + 1] = -0.1
        let inputs = (0..<18).map { _ in 1.5 * rng.gaussian() }
        let labels = (0..<6).map { _ in rng.index(below: 4) }
        return (network, inputs, labels, Objective(loss: testCase.loss, scale: 4, margin: 0.3))
    }

    static func loss(_ network: Network, _ inputs: [Double], _ labels: [Int], _ objective: Objective) -> Double {
        var workspace = Workspace()
        var gradient: [Double] = []
        return inputs.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                network.lossAndGradient(
                    inputs: x, labels: y, count: labels.count, objective: objective,
                    workspace: &workspace, gradient: &gradient)
            }
        }
    }

    @Test("every parameter's gradient matches central finite differences", arguments: cases)
    func everyParameterMatchesFiniteDifferences(_ testCase: Case) {
        for seed: UInt64 in [1, 2, 3] {
            let (network, inputs, labels, objective) = Self.problem(testCase, seed: seed)
            var workspace = Workspace()
            var gradient: [Double] = []
            _ = inputs.withUnsafeBufferPointer { x in
                labels.withUnsafeBufferPointer { y in
                    network.lossAndGradient(
                        inputs: x, labels: y, count: labels.count, objective: objective,
                        workspace: &workspace, gradient: &gradient)
                }
            }
            // h = 1e-5: the truncation error of a central difference (~h²·L‴) and the rounding
            // error (~1e-16·L/h) both stay near 1e-10, far below the tolerance.
            let h = 1e-5
            for index in network.parameters.indices {
                var plus = network, minus = network
                plus.parameters[index] += h
                minus.parameters[index] -= h
                let numeric = (Self.loss(plus, inputs, labels, objective) - Self.loss(minus, inputs, labels, objective)) / (2 * h)
                #expect(
                    abs(numeric - gradient[index]) <= 1e-6 * max(1, abs(numeric)),
                    "seed \(seed), parameter \(index): analytic \(gradient[index]), numeric \(numeric)")
            }
        }
    }

    @Test("the cosine losses' class-weight gradients are orthogonal to the weights", arguments: [TrainingLoss.normface, .cosface])
    func classGradientsAreOrthogonal(_ loss: TrainingLoss) {
        let (network, inputs, labels, objective) = Self.problem(Case(loss: loss, activation: .tanh), seed: 7)
        var workspace = Workspace()
        var gradient: [Double] = []
        _ = inputs.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                network.lossAndGradient(inputs: x, labels: y, count: 6, objective: objective, workspace: &workspace, gradient: &gradient)
            }
        }
        for j in 0..<4 {
            let w = network.classWeight(j)
            let g = (gradient[network.classWeights + 2 * j], gradient[network.classWeights + 2 * j + 1])
            #expect(abs(w.x * g.0 + w.y * g.1) <= 1e-14 * max(1, abs(g.0) + abs(g.1)))
            #expect(g.0 != 0 || g.1 != 0)
        }
    }

    @Test("CosFace's loss is NormFace's at m = 0 and grows with the margin")
    func cosFaceGrowsWithTheMargin() {
        let (network, inputs, labels, _) = Self.problem(Case(loss: .cosface, activation: .tanh), seed: 4)
        let normFace = Self.loss(network, inputs, labels, Objective(loss: .normface, scale: 4, margin: 0.3))
        let zero = Self.loss(network, inputs, labels, Objective(loss: .cosface, scale: 4, margin: 0))
        #expect(zero == normFace)
        var previous = zero
        for margin in [0.1, 0.2, 0.35, 0.5] {
            let value = Self.loss(network, inputs, labels, Objective(loss: .cosface, scale: 4, margin: margin))
            #expect(value > previous)
            previous = value
        }
    }
}
