extension Trainer {
    /// The metrics at the current parameters (see `EpochMetrics`); costs one forward pass
    /// over the training and the held-out samples.
    public func metrics() -> EpochMetrics {
        let directions = classDirections
        let trainPoints = embeddings(of: data.train)
        var loss = 0.0
        var workspace = Workspace()
        let train = data.train
        workspace.prepare(samples: train.sampleCount, network: network)
        train.features.withUnsafeBufferPointer { inputs in
            network.embed(inputs, count: train.sampleCount, workspace: &workspace)
        }
        loss =
            train.labels.withUnsafeBufferPointer { labels in
                network.lossLayer(
                    labels: labels, count: train.sampleCount, objective: configuration.objective,
                    weight: 1, workspace: &workspace, gradient: nil)
            } / Double(train.sampleCount)

        var ownAngles: [Double] = []
        var gaps: [Double] = []
        ownAngles.reserveCapacity(train.sampleCount)
        gaps.reserveCapacity(train.sampleCount)
        for (i, point) in trainPoints.enumerated() {
            let y = train.labels[i]
            let own = point.angle(to: directions[y])
            var rival = Double.infinity
            for j in directions.indices where j != y { rival = min(rival, point.angle(to: directions[j])) }
            ownAngles.append(own)
            gaps.append(rival - own)
        }
        ownAngles.sort()
        gaps.sort()
        var minClassGap = Double.infinity
        for j in directions.indices {
            for k in directions.indices where k > j { minClassGap = min(minClassGap, directions[j].angle(to: directions[k])) }
        }
        let test = data.test
        return EpochMetrics(
            epoch: epoch,
            loss: loss,
            trainAccuracy: accuracy(train, points: trainPoints),
            testAccuracy: test.sampleCount > 0 ? accuracy(test, points: embeddings(of: test)) : nil,
            meanAngle: ownAngles.reduce(0, +) / Double(ownAngles.count),
            p95Angle: ownAngles[Self.nearestRank(0.95, count: ownAngles.count) - 1],
            minClassGap: minClassGap,
            medianGap: Self.median(sorted: gaps))
    }

    /// The raw 2-D embeddings `e` of `samples` (not normalised; `.unit` puts them on the circle).
    public func embeddings(of samples: Dataset) -> [Point2] {
        precondition(
            samples.dimension == network.inputCount,
            "samples of dimension \(samples.dimension) for a network of \(network.inputCount) inputs")
        guard samples.sampleCount > 0 else { return [] }
        var workspace = Workspace()
        workspace.prepare(samples: samples.sampleCount, network: network)
        samples.features.withUnsafeBufferPointer { inputs in
            network.embed(inputs, count: samples.sampleCount, workspace: &workspace)
        }
        return (0..<samples.sampleCount).map { Point2(x: workspace.embeddings[2 * $0], y: workspace.embeddings[2 * $0 + 1]) }
    }

    /// The class weights `W_j` (not normalised).
    public var classDirections: [Point2] {
        (0..<network.classCount).map { j in
            let w = network.classWeight(j)
            return Point2(x: w.x, y: w.y)
        }
    }

    /// Fraction of `samples` whose largest score is their own class: the largest cosine for the
    /// cosine losses, the largest logit `W_j·e` for the softmax baseline. Ties count as errors.
    func accuracy(_ samples: Dataset, points: [Point2]) -> Double {
        let normalised = configuration.objective.loss != .softmax
        let directions = normalised ? classDirections.map(\.unit) : classDirections
        var correct = 0
        for (i, raw) in points.enumerated() {
            let point = normalised ? raw.unit : raw
            let y = samples.labels[i]
            let own = point.x * directions[y].x + point.y * directions[y].y
            var wins = true
            for j in directions.indices where j != y && point.x * directions[j].x + point.y * directions[j].y >= own {
                wins = false
                break
            }
            if wins { correct += 1 }
        }
        return Double(correct) / Double(points.count)
    }

    /// The 1-based nearest rank of the `fraction` quantile of `count` values: `⌈fraction·count⌉`, at least 1.
    static func nearestRank(_ fraction: Double, count: Int) -> Int {
        max(1, Int((fraction * Double(count)).rounded(.up)))
    }

    static func median(sorted values: [Double]) -> Double {
        let n = values.count
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2
    }
}
