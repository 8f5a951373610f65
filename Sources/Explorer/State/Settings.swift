extension Setting {
    /// What a row describes; the key of `ExplorerState.values` for single values.
    public enum ID: String, CaseIterable, Hashable, Sendable {
        case scale, margin, cosine, angle, logit, direction, spread, topK, samples, classes, seed
        case sphereMargin, lambda, angleFactor, angleMargin, cosineMargin
        case trainingScale, trainingMargin, learningRate, speed
    }
}

/// The table of every adjustable value: one row each (see `Setting`).
///
/// Adding a single value such as m₂ is one `ID` case and one row here (listed in
/// `singleValues`), plus its use in the mathematics; the field lists, the sliders,
/// the reducer, the prompt, the status line and the state string follow.
public enum Settings {
    public static let scale = Setting(
        .scale, name: "scale", zh: "尺度 s", symbol: "s",
        grid: ValueGrid(denominator: 100, minimum: 1, maximum: 100_000, fine: 100, coarse: 1_000, decimals: 2),
        defaultSteps: 3000, stateKey: "s", option: "scale",
        help: "The scale s of the cosine losses,", sliderSpan: 0...100)
    /// CosFace trains up to 0.45; the bound for d ≥ C−1 is C/(C−1) ≤ 2.
    public static let margin = Setting(
        .margin, name: "margin", zh: "间隔 m", symbol: "m",
        grid: ValueGrid(denominator: 100, minimum: 0, maximum: 200, fine: 1, coarse: 5, decimals: 2),
        defaultSteps: 35, stateKey: "m", option: "margin",
        help: "The margin m of cosface, arcface (radians) and bdlmcl,", sliderSpan: 0...1)
    public static let cosine = Setting(
        .cosine, name: "cos θ", zh: "余弦 cos θ", symbol: "cos θ",
        grid: ValueGrid(denominator: 1000, minimum: -1000, maximum: 1000, fine: 10, coarse: 100, decimals: 3),
        defaultSteps: 0, stateKey: "cos", option: "cosines",
        help: "Comma-separated cosines, one per class, e.g. 0.8,0.3,-0.1; each")
    public static let angle = Setting(
        .angle, name: "angle θ", zh: "角度 θ", symbol: "θ",
        grid: ValueGrid(denominator: 10, minimum: 0, maximum: 1800, fine: 10, coarse: 100, decimals: 1),
        defaultSteps: 900, unit: "°", stateKey: "deg", option: "angles",
        help: "Comma-separated angles θ_j in degrees (the cosines used are cos θ_j); each")
    public static let logit = Setting(
        .logit, name: "logit x", zh: "logit 值 x", symbol: "x",
        grid: ValueGrid(denominator: 100, minimum: -100_000_000, maximum: 100_000_000, fine: 10, coarse: 100, decimals: 2),
        defaultSteps: 0, stateKey: "logits", option: "logits",
        help: "Comma-separated logits for softmax, e.g. 2,1,0.5; each", sliderSpan: -10...10)
    /// Directions wrap around the circle (the reducer turns past 359.9° to 0°).
    public static let direction = Setting(
        .direction, name: "direction", zh: "方向 φ", symbol: "φ",
        grid: ValueGrid(denominator: 10, minimum: 0, maximum: 3599, fine: 10, coarse: 150, decimals: 1),
        defaultSteps: 0, unit: "°", stateKey: "W", option: nil,
        help: "The direction of a vector in the plane (geometry screen),")
    public static let spread = Setting(
        .spread, name: "spread", zh: "离散度 spread", symbol: "spread",
        grid: ValueGrid(denominator: 100, minimum: 0, maximum: 1000, fine: 1, coarse: 5, decimals: 2),
        defaultSteps: 12, stateKey: "spread", option: "spread",
        help: "Synthetic batch: the noise standard deviation per coordinate,", sliderSpan: 0...1)
    public static let topK = Setting(
        .topK, name: "top-k", zh: "top-k 名次", symbol: "k",
        grid: ValueGrid(denominator: 1, minimum: 2, maximum: 10_000, fine: 1, coarse: 10, decimals: 0),
        defaultSteps: 2, stateKey: "k", option: "top-k",
        help: "BD-LMCL: a sample with 1 < rank ≤ k is a boundary sample; k at most C,")
    public static let samples = Setting(
        .samples, name: "samples", zh: "样本数 N", symbol: "N",
        grid: ValueGrid(denominator: 1, minimum: 1, maximum: 4096, fine: 1, coarse: 1, decimals: 0),
        defaultSteps: 1024, stateKey: "N", option: "batch-size",
        help: "Synthetic batch: the number of samples N,")
    public static let classes = Setting(
        .classes, name: "classes", zh: "类别数 C", symbol: "C",
        grid: ValueGrid(denominator: 1, minimum: 2, maximum: 10_000, fine: 1, coarse: 1, decimals: 0),
        defaultSteps: 5994, stateKey: "C", option: "classes",
        help: "Synthetic batch: the number of classes C (VoxCeleb2 has 5994 speakers),")
    public static let seed = Setting(
        .seed, name: "seed", zh: "随机种子 seed", symbol: "seed",
        grid: ValueGrid(denominator: 1, minimum: 0, maximum: 1_000_000_000_000_000, fine: 1, coarse: 10, decimals: 0),
        defaultSteps: 1, stateKey: "seed", option: "seed",
        help: "Synthetic batch: the random seed,")

    /// SphereFace's integer m (the official layer takes 1 to 4; m = 1 is NormFace).
    public static let sphereMargin = Setting(
        .sphereMargin, name: "SphereFace m", zh: "SphereFace 整数间隔 m_SF", symbol: "m_SF",
        grid: ValueGrid(denominator: 1, minimum: 1, maximum: 10, fine: 1, coarse: 1, decimals: 0),
        defaultSteps: 4, stateKey: "sm", option: nil,
        help: "SphereFace's integer margin m,", sliderSpan: 1...10)
    /// SphereFace's annealing weight: the official code goes down from 1000 to 5.
    public static let lambda = Setting(
        .lambda, name: "lambda", zh: "退火权重 λ", symbol: "λ",
        grid: ValueGrid(denominator: 10, minimum: 0, maximum: 10_000, fine: 10, coarse: 100, decimals: 1),
        defaultSteps: 50, stateKey: "lambda", option: "lambda",
        help: "SphereFace's annealing weight λ in (λ cos θ + ψ(θ))/(1 + λ),", sliderSpan: 0...20)
    /// The combined margin's angle factor m₁ (ArcFace's table: 1 and 0.9).
    public static let angleFactor = Setting(
        .angleFactor, name: "angle factor", zh: "角度因子 m₁", symbol: "m₁",
        grid: ValueGrid(denominator: 100, minimum: 1, maximum: 300, fine: 5, coarse: 25, decimals: 2),
        defaultSteps: 100, stateKey: "m1", option: "m1",
        help: "The combined margin's angle factor m₁ in cos(m₁θ + m₂) − m₃,", sliderSpan: 0.5...1.5)
    /// The combined margin's additive angle m₂, in radians.
    public static let angleMargin = Setting(
        .angleMargin, name: "angle margin", zh: "角度间隔 m₂", symbol: "m₂",
        grid: ValueGrid(denominator: 100, minimum: 0, maximum: 150, fine: 5, coarse: 10, decimals: 2),
        defaultSteps: 30, stateKey: "m2", option: "m2",
        help: "The combined margin's additive angle m₂ (radians) in cos(m₁θ + m₂) − m₃,", sliderSpan: 0...1)
    /// The combined margin's cosine margin m₃.
    public static let cosineMargin = Setting(
        .cosineMargin, name: "cosine margin", zh: "余弦间隔 m₃", symbol: "m₃",
        grid: ValueGrid(denominator: 100, minimum: 0, maximum: 100, fine: 5, coarse: 10, decimals: 2),
        defaultSteps: 20, stateKey: "m3", option: "m3",
        help: "The combined margin's cosine margin m₃ in cos(m₁θ + m₂) − m₃,", sliderSpan: 0...1)

    /// Every row, in the order the help lists them.
    public static let all: [Setting] =
        [
            scale, margin, cosine, angle, logit, direction, spread, topK, samples, classes, seed,
            sphereMargin, lambda, angleFactor, angleMargin, cosineMargin,
        ]
        + trainingValues

    /// The single values stored by key in `ExplorerState.values` (the lists and the batch settings have their own storage).
    ///
    /// The screens show the ones the chosen margin reads (`ExplorerState.marginSettings`).
    public static let singleValues: [Setting] = [scale, margin, sphereMargin, lambda, angleFactor, angleMargin, cosineMargin]

    /// The row of `id`.
    public static subscript(_ id: Setting.ID) -> Setting {
        all.first { $0.id == id }!
    }

    // MARK: - Training screen

    /// The training screen's s: its own value, since the explorer's s = 30 with m = 0.35 is
    /// beyond the 2-D margin bound (m ≤ 1 − cos(2π/C), 0.29 for 8 classes) and fails to train.
    public static let trainingScale = Setting(
        .trainingScale, name: "training scale", zh: "训练尺度 s", symbol: "s",
        grid: ValueGrid(denominator: 10, minimum: 1, maximum: 1000, fine: 10, coarse: 50, decimals: 1),
        defaultSteps: 160, stateKey: "ts", option: nil,
        help: "Training screen: the scale s of both panes,", sliderSpan: 0...64)
    /// The margin of the right-hand pane (CosFace); the left pane trains without one.
    public static let trainingMargin = Setting(
        .trainingMargin, name: "training margin", zh: "训练间隔 m", symbol: "m",
        grid: ValueGrid(denominator: 100, minimum: 0, maximum: 100, fine: 1, coarse: 5, decimals: 2),
        defaultSteps: 20, stateKey: "tm", option: nil,
        help: "Training screen: the margin m of the CosFace pane,", sliderSpan: 0...0.5)
    public static let learningRate = Setting(
        .learningRate, name: "learning rate", zh: "学习率 η", symbol: "η",
        grid: ValueGrid(denominator: 1000, minimum: 1, maximum: 2000, fine: 5, coarse: 50, decimals: 3),
        defaultSteps: 50, stateKey: "lr", option: nil,
        help: "Training screen: the SGD step size η of both panes,", sliderSpan: 0...0.5)
    /// Epochs per frame while playing; the app takes fewer when a frame would exceed its time budget.
    public static let speed = Setting(
        .speed, name: "speed", zh: "每帧轮数 epochs/frame", symbol: "epochs/frame",
        grid: ValueGrid(denominator: 1, minimum: 1, maximum: 50, fine: 1, coarse: 5, decimals: 0),
        defaultSteps: 5, stateKey: "spf", option: nil,
        help: "Training screen: epochs trained per frame while playing,")

    /// The training screen's values, stored like `singleValues` but shown on that screen only.
    public static let trainingValues: [Setting] = [trainingScale, trainingMargin, learningRate, speed]

    /// Every value held in `ExplorerState.values`.
    public static let storedValues: [Setting] = singleValues + trainingValues
}
