extension StringTable {
    /// Every string, in English and Simplified Chinese.
    ///
    /// Chinese uses full-width punctuation (，。：；？！（）「」), never the curly quotes
    /// “ ” or the ellipsis …, whose width is ambiguous in CJK terminals. Placeholders
    /// (`{p}`) and mathematical symbols are the same in both languages.
    static let lessonAndHelpEntries: [StringKey: Translation] = [
        // MARK: Lesson mode
        .lessonTitle: Translation(en: "Lesson {number}: {title}", zh: "第 {number} 课：{title}"),
        .lessonStep: Translation(en: "step {step} of {steps}", zh: "第 {step}/{steps} 步"),
        .lessonKeys: Translation(
            en: "Space next · Bksp back · r reset step · Esc explore",
            zh: "空格 下一步 · 退格 上一步 · r 回到本步状态 · Esc 自由探索"),
        .lessonAnswerKeys: Translation(en: "press 1 to {count} to answer", zh: "按 1 到 {count} 作答"),
        .lessonRight: Translation(en: "Right.", zh: "答对了。"),
        .lessonWrong: Translation(en: "Not quite: the answer is {choice}.", zh: "不对，正确答案是 {choice}。"),
        .lessonHiddenNote: Translation(en: "? = hidden until you answer", zh: "? = 作答后揭晓"),
        .lessonFinished: Translation(
            en: "End of the lesson: {right} of {asked} answers right.",
            zh: "本课结束：{asked} 道题答对 {right} 道。"),
        .lessonFinishedNoQuestions: Translation(en: "End of the lesson.", zh: "本课结束。"),
        .lessonFinishedKeys: Translation(
            en: "Bksp back to the last step · Esc explore freely",
            zh: "退格 回到最后一步 · Esc 自由探索"),
        .lessonPickerTitle: Translation(en: "Lessons", zh: "课程"),
        .lessonPickerKeys: Translation(
            en: "↑↓ choose · Enter start · Esc explore freely",
            zh: "↑↓ 选择 · Enter 开始 · Esc 自由探索"),
        .lessonStepCount: Translation(en: "{steps} steps", zh: "{steps} 步"),
        .lessonNotFound: Translation(
            en: "no lesson '{id}'; the built-in lessons are {ids}",
            zh: "没有课程「{id}」；内置课程为 {ids}"),

        // MARK: Help and explanations
        .helpGlossaryTitle: Translation(en: "Symbols on this screen", zh: "本屏符号"),
        .helpExplainKey: Translation(en: "e explains the focused panel", zh: "e 解释当前面板"),
        .explainTitle: Translation(en: "About: {panel}", zh: "说明：{panel}"),
        .explainClose: Translation(en: "any key closes", zh: "按任意键关闭"),

        // MARK: On-screen advice
        // The old "s for p_y = 0.99: s ≥ 4.27" sat beside p_y = 0.001 and read as a
        // contradiction: say it is a requirement for reaching p, not a fact about now.
        .batchComputingTitle: Translation(en: "Working", zh: "计算中"),
        .batchComputing: Translation(
            en: "computing N = {samples} × C = {classes}… {seconds} s",
            zh: "正在计算 N = {samples} × C = {classes}… {seconds} 秒"),
        .batchStale: Translation(
            en: "shown, stale: N = {samples} × C = {classes}; q quits",
            zh: "下方为旧结果：N = {samples} × C = {classes}；q 退出"),
        .boundScaleLong: Translation(
            en: "NormFace needs s ≥ {bound} to reach p_y = {p}",
            zh: "NormFace 要 p_y 达到 {p}，需 s ≥ {bound}"),
        .boundScaleShort: Translation(
            en: "reaching p_y = {p} needs s ≥ {bound}",
            zh: "p_y 要达到 {p} 需 s ≥ {bound}"),

        // MARK: Glossary
        .glossaryTarget: Translation(
            en: "the target (true) class; marked y in the tables",
            zh: "目标类别（真实标签），表中标 y"),
        .glossaryClassIndex: Translation(
            en: "a class index, from 0; C is the number of classes",
            zh: "类别编号，从 0 开始；C 为类别数"),
        .glossaryCursor: Translation(en: "the value the arrow keys change", zh: "方向键正在调节的值"),
        .glossaryLogit: Translation(
            en: "logit of class j: the raw score before softmax",
            zh: "类别 j 的 logit：softmax 之前的原始得分"),
        .glossaryProbability: Translation(
            en: "probability of class j after softmax; p_y: of the target",
            zh: "softmax 后类别 j 的概率；p_y 为目标类的概率"),
        .glossaryLoss: Translation(
            en: "cross-entropy loss of the sample, L = −log p_y",
            zh: "样本的交叉熵损失，L = −log p_y"),
        .glossaryLogSumExp: Translation(
            en: "log-sum-exp, computed after subtracting M = max_k x_k",
            zh: "log-sum-exp，先减去 M = max_k x_k 再计算"),
        .glossaryIndicator: Translation(
            en: "1 for the target class, 0 for the others",
            zh: "目标类取 1，其余类取 0"),
        .glossaryLogitGradient: Translation(
            en: "gradient of L with respect to logit j: p_j − 1[j=y]",
            zh: "L 对 logit j 的梯度：p_j − 1[j=y]"),
        .glossaryScale: Translation(
            en: "scale: multiplies every cosine before softmax",
            zh: "尺度：softmax 之前乘到每个余弦上"),
        .glossaryMargin: Translation(
            en: "margin: subtracted from the target's cosine only",
            zh: "间隔（边距）：只从目标类的余弦中减去"),
        .glossaryCosine: Translation(
            en: "cosine of the angle between x and W_j; θ_y: target's angle",
            zh: "x 与 W_j 夹角的余弦；θ_y 为与目标类的夹角"),
        .glossaryCosineLogit: Translation(
            en: "logit made from a cosine: s·cos θ_j, target s·(cos θ_y − m)",
            zh: "由余弦得到的 logit：s·cos θ_j，目标类为 s·(cos θ_y − m)"),
        .glossaryNormFace: Translation(
            en: "NormFace: normalised softmax, logits s·cos θ_j, no margin",
            zh: "NormFace：归一化 softmax，logit 为 s·cos θ_j，无间隔"),
        .glossaryLMCL: Translation(
            en: "large margin cosine loss (CosFace): NormFace with margin m",
            zh: "大间隔余弦损失（CosFace）：带间隔 m 的 NormFace"),
        .glossaryBDLMCL: Translation(
            en: "boundary-discriminative LMCL: margin for boundary samples",
            zh: "边界判别 LMCL：只给边界样本加间隔"),
        .glossaryCosineGradient: Translation(
            en: "gradient of L with respect to cos θ_j: s·(p_j − 1[j=y])",
            zh: "L 对 cos θ_j 的梯度：s·(p_j − 1[j=y])"),
        .glossaryRival: Translation(
            en: "the strongest other class: the largest cos θ_j with j ≠ y",
            zh: "最强的对手类：j ≠ y 中 cos θ_j 最大者"),
        .glossaryCrossing: Translation(
            en: "θ_y where the target ties its rival, without and with m",
            zh: "目标与对手打平时的 θ_y，无间隔与有间隔两种"),
        .glossaryMarginBound: Translation(
            en: "largest useful m (CosFace): d ≥ C−1 and 2-D features",
            zh: "m 的上界（CosFace）：d ≥ C−1 与二维特征两种情形"),
        .glossaryScaleBound: Translation(
            en: "smallest s at which p_y can reach the given value",
            zh: "p_y 能达到给定值所需的最小 s"),
        .glossaryFeature: Translation(
            en: "x: the sample's feature; W_j: weight (centre) of class j",
            zh: "x：样本的特征；W_j：类别 j 的权重（类中心）"),
        .glossaryUnitVector: Translation(en: "the same vectors scaled to length 1", zh: "同一向量归一化到长度 1"),
        .glossaryDirection: Translation(
            en: "direction of a vector in the plane, in degrees",
            zh: "平面上向量的方向，单位为度"),
        .glossaryFeatureGradient: Translation(
            en: "gradient of L with respect to x, and its length",
            zh: "L 对 x 的梯度及其长度"),
        .glossaryTangent: Translation(
            en: "0: the gradient is tangent to the circle, it only rotates x",
            zh: "为 0：梯度与圆相切，只会旋转 x"),
        .glossaryDescentArrow: Translation(
            en: "where a gradient step moves x: along −∂L/∂x",
            zh: "梯度下降一步时 x 的去向：沿 −∂L/∂x"),
        .glossaryBatchSize: Translation(
            en: "N samples in the batch; k: the top-k of the boundary rule",
            zh: "N 为批内样本数；k 为边界规则中的 top-k"),
        .glossaryRank: Translation(
            en: "target's place among the scores after the margin (1 = best)",
            zh: "减去间隔后目标类在各得分中的名次（1 为最好）"),
        .glossaryZeroOne: Translation(
            en: "top-1 and top-k zero-one losses: 1 when rank > 1, rank > k",
            zh: "top-1 与 top-k 零一损失：名次 > 1、> k 时为 1"),
        .glossarySampleLoss: Translation(en: "loss of sample i", zh: "样本 i 的损失"),
        .glossarySelected: Translation(
            en: "selected: the sample is on the boundary and gets the margin",
            zh: "被选中：样本在边界上，获得间隔"),
        .glossarySampleMargin: Translation(
            en: "margin given to sample i: m if selected, else 0",
            zh: "样本 i 得到的间隔：被选中为 m，否则为 0"),
        .glossaryGradientNorm: Translation(
            en: "length of sample i's gradient, ‖∂ℓ_i/∂cos θ_i‖",
            zh: "样本 i 梯度的长度，‖∂ℓ_i/∂cos θ_i‖"),
        .glossaryRegions: Translation(
            en: "satisfied (rank 1), boundary (1 < rank ≤ k), beyond k",
            zh: "已满足（名次 1）、边界（1 < 名次 ≤ k）、超出 k"),
        .glossaryScatterCount: Translation(
            en: "several samples in one cell: their count, + for 10 or more",
            zh: "一格内有多个样本：显示个数，10 个及以上显示 +"),
        .glossarySelectedSample: Translation(en: "the sample picked with ] and [", zh: "用 ] 和 [ 选中的样本"),
        .glossarySynthetic: Translation(
            en: "the synthetic batch: spread of the cosines, random seed",
            zh: "合成批次的生成参数：余弦的离散程度与随机种子"),

        // MARK: Panels (names)
        .panelSoftmaxTable: Translation(en: "Softmax cross-entropy", zh: "Softmax 交叉熵"),
        .panelSoftmaxPlot: Translation(en: "Loss as the target logit moves", zh: "损失随目标 logit 的变化"),
        .panelSoftmaxFormulas: Translation(en: "Formulas, with the numbers", zh: "公式与数值"),
        .panelCosineControls: Translation(en: "Scale and margin", zh: "尺度与间隔"),
        .panelCosineLoss: Translation(en: "Loss", zh: "损失"),
        .panelCosineClasses: Translation(en: "Classes", zh: "各类别"),
        .panelCosinePlot: Translation(en: "Plot against θ_y", zh: "随 θ_y 变化的曲线"),
        .panelCosineFormulas: Translation(en: "LMCL, with the numbers", zh: "LMCL 公式与数值"),
        .panelGeometryCircle: Translation(en: "Unit circle", zh: "单位圆"),
        .panelGeometryDirections: Translation(en: "Directions and cos θ_j", zh: "方向与 cos θ_j"),
        .panelGeometryGradient: Translation(en: "Gradient through the normalisation", zh: "经过归一化的梯度"),
        .panelBatchControls: Translation(en: "BD-LMCL rule and batch", zh: "BD-LMCL 规则与批次"),
        .panelBatchRegions: Translation(en: "Regions: part of the loss", zh: "区域：各自占损失的部分"),
        .panelBatchView: Translation(en: "Samples", zh: "样本"),

        // MARK: Panels (the `e` explanations)
        .explainSoftmaxTable: Translation(
            en:
                "Each row is a class: its logit x_j, its probability p_j and the gradient p_j − 1[j=y]. The target's gradient is the only negative one, and all of them sum to 0. Adding the same number to every logit changes nothing.",
            zh: "每一行是一个类别：logit x_j、概率 p_j 和梯度 p_j − 1[j=y]。只有目标类的梯度为负，所有梯度之和为 0。给每个 logit 加上同一个数，什么都不会变。"),
        .explainSoftmaxPlot: Translation(
            en:
                "The loss as the target logit x_y slides, the other logits fixed. It falls toward 0 as x_y wins, and its slope is p_y − 1, never below −1.",
            zh: "固定其他 logit，只移动目标 logit x_y 时的损失曲线。x_y 越占优，损失越趋近 0；曲线斜率为 p_y − 1，绝不小于 −1。"),
        .explainSoftmaxFormulas: Translation(
            en:
                "The same formulas as the table, with today's numbers put in. The maximum M is subtracted before exp so that no exponential overflows.",
            zh: "与表格相同的公式，代入当前的数值。先减去最大值 M 再取 exp，所以指数不会溢出。"),
        .explainCosineControls: Translation(
            en:
                "s multiplies every cosine and m is taken from the target's cosine only. The bounds say how large m can usefully be for C classes.",
            zh: "s 乘到每个余弦上，m 只从目标类的余弦中减去。下面的上界给出 C 个类别时 m 最多能取多大。"),
        .explainCosineLoss: Translation(
            en:
                "The same cosines under NormFace (no margin) and LMCL (margin m). The last line is the scale that a perfectly separated sample needs to reach p_y = 0.99: a requirement, not the current p_y.",
            zh: "同一组余弦分别在 NormFace（无间隔）和 LMCL（间隔 m）下的损失。最后一行是完全分开的样本要达到 p_y = 0.99 所需的尺度：这是一个要求，不是当前的 p_y。"),
        .explainCosineClasses: Translation(
            en:
                "Each class's cos θ_j with its probability and gradient under NormFace and LMCL. The margin lowers the target's probability and makes its gradient larger: LMCL keeps pushing where NormFace has stopped.",
            zh: "每个类别的 cos θ_j，以及它在 NormFace 和 LMCL 下的概率和梯度。间隔降低了目标类的概率、加大了它的梯度：NormFace 已经停下的地方，LMCL 还在推。"),
        .explainCosinePlot: Translation(
            en:
                "The target's logit or probability as θ_y sweeps, with and without the margin (v changes the plot). The shaded band is where NormFace already decides for y but LMCL does not: the margin moves the crossing with the rival to a smaller angle.",
            zh: "θ_y 变化时目标类的 logit 或概率，有间隔与无间隔两条曲线（按 v 切换）。阴影带内 NormFace 已判为 y 而 LMCL 还没有：间隔把与对手的交点移到更小的角度。"),
        .explainCosineFormulas: Translation(
            en:
                "LMCL step by step: the target logit s·(cos θ_y − m), the rival's logit, the loss LSE(z) − z_y and the gradient on each cosine. Change s or m and follow each number through.",
            zh: "逐步计算 LMCL：目标 logit s·(cos θ_y − m)、对手的 logit、损失 LSE(z) − z_y 以及对每个余弦的梯度。改变 s 或 m，逐个追踪这些数值。"),
        .explainGeometryCircle: Translation(
            en:
                "Two-dimensional features on the unit circle: x and the class weights W_j. The arcs show where y wins with and without the margin; the arrow is where a gradient step would move x.",
            zh: "单位圆上的二维特征：x 与各类权重 W_j。弧线标出有无间隔时 y 获胜的区域；箭头表示梯度下降一步时 x 的去向。"),
        .explainGeometryDirections: Translation(
            en:
                "The directions φ_j of x and of every W_j, the cosines between them and the probabilities. Turn x or a W_j and watch the cosines follow: only angles matter.",
            zh: "x 和每个 W_j 的方向 φ_j、它们之间的余弦以及概率。转动 x 或某个 W_j，余弦随之改变：只有角度重要。"),
        .explainGeometryGradient: Translation(
            en:
                "The gradient with respect to x through the normalisation. x·∂L/∂x is 0: the gradient is tangent to the circle, so it rotates x and never makes it longer or shorter.",
            zh: "经过归一化后 L 对 x 的梯度。x·∂L/∂x 为 0：梯度与圆相切，只旋转 x，不改变它的长度。"),
        .explainBatchControls: Translation(
            en:
                "The BD-LMCL rule: s, m, the top-k that decides which samples are on the boundary, and what happens to the others. N, C, spread and seed draw the synthetic batch.",
            zh: "BD-LMCL 规则：s、m、决定哪些样本处于边界的 top-k，以及其余样本如何处理。N、C、spread 和 seed 决定合成批次。"),
        .explainBatchRegions: Translation(
            en:
                "How many samples are satisfied, on the boundary or beyond k, and each group's share of the loss and of the gradient under LMCL and BD-LMCL. BD-LMCL spends its gradient on the boundary samples.",
            zh: "已满足、处于边界、超出 k 的样本各有多少，以及各组在 LMCL 和 BD-LMCL 下所占的损失与梯度份额。BD-LMCL 把梯度花在边界样本上。"),
        .explainBatchView: Translation(
            en:
                "Every sample as a point (target cosine against its rival's), a histogram of gradient sizes, or a table (v changes the view). The diagonal lines are the decision boundary without and with the margin.",
            zh: "每个样本是一个点（目标余弦对比对手余弦），或是梯度大小的直方图，或是表格（按 v 切换）。两条斜线是无间隔与有间隔时的决策边界。"),
        // MARK: The margin family (compare screen)
        .panelCompareLosses: Translation(en: "Losses compared", zh: "损失对比"),
        .panelComparePlot: Translation(en: "Target logits", zh: "目标 logit"),
        .explainCompareLosses: Translation(
            en:
                "One row per loss for the current sample: L, p_y, ∂L/∂cos θ_y, ∂L/∂θ_y and the margin in degrees at θ_y. ∂L/∂cos θ_y is ∞ at ArcFace's cone point cos θ_y = 1; ∂L/∂θ_y stays finite.",
            zh: "当前样本每种损失一行：L、p_y、∂L/∂cos θ_y、∂L/∂θ_y，以及在 θ_y 处以度计的间隔。ArcFace 在锥点 cos θ_y = 1 处 ∂L/∂cos θ_y 为 ∞，而 ∂L/∂θ_y 仍有限。"),
        .explainComparePlot: Translation(
            en:
                "Each loss's target logit s·f(cos θ_y) against θ_y or cos θ_y, or its decision boundary in the (θ_y, θ_rival) plane; v changes the plot. ArcFace's band has constant width m in θ; SphereFace's wedge widens with θ_y.",
            zh:
                "每种损失的目标 logit s·f(cos θ_y) 随 θ_y 或 cos θ_y 的变化，或其在 (θ_y, θ_rival) 平面上的决策边界；按 v 切换。ArcFace 的间隔带在 θ 上宽度恒为 m；SphereFace 的楔形随 θ_y 变宽。"
        ),
        .compareTableTitle: Translation(en: "Losses on the sample (y = {y})", zh: "样本上的各损失（y = {y}）"),
        .compareValues: Translation(en: "Values", zh: "数值"),
        .compareColumnLoss: Translation(en: "loss", zh: "损失"),
        .compareColumnMargin: Translation(en: "margin", zh: "间隔"),
        .compareNeverWins: Translation(en: "never wins", zh: "永不获胜"),
        .compareKeys: Translation(en: "a/x: loss ±, M: swap last", zh: "a/x：增减损失，M：换最后一个"),
        .compareUnbounded: Translation(en: "∞: f′ unbounded at cos θ_y = 1 (cone point)", zh: "∞：f′ 在 cos θ_y = 1 处无界（锥点）"),
        .comparePlotAngle: Translation(en: "target logit vs θ_y", zh: "目标 logit 随 θ_y 变化"),
        .comparePlotCosine: Translation(en: "target logit vs cos θ_y", zh: "目标 logit 随 cos θ_y 变化"),
        .comparePlotPlane: Translation(en: "decision boundaries in (θ_y, θ_rival)", zh: "(θ_y, θ_rival) 平面上的决策边界"),
        .comparePlotNext: Translation(en: " (v: next)", zh: "（v：下一个）"),

        // MARK: Plots a classroom can read (zoom, presenter, themes, bar scales)
        .zoomBack: Translation(en: "z/Esc: back", zh: "z/Esc：返回"),
        .presenterBack: Translation(en: "P: back", zh: "P：返回"),
        .zoomNoPlot: Translation(
            en: "The geometry screen has no plot to zoom; z works on the other screens.",
            zh: "几何屏没有可放大的图；z 在其他屏上可用。"),
        .themeChanged: Translation(en: "Theme: {theme} (T: next)", zh: "配色：{theme}（T：下一个）"),
        .barsLinear: Translation(en: "bars 0 to {top}, linear (g: log)", zh: "条形 0 到 {top}，线性（g：对数）"),
        .barsLogarithmic: Translation(en: "bars {floor} to {top}, log (g: linear)", zh: "条形 {floor} 到 {top}，对数（g：线性）"),
        .shiftLabel: Translation(en: "Δcos {shift} = {degrees}° at θ_y", zh: "Δcos {shift} = θ_y 处 {degrees}°"),
        .bandLabel: Translation(en: "band {degrees}°", zh: "间隔带 {degrees}°"),
        .marginBand: Translation(en: "margin band", zh: "间隔带"),

        // MARK: Training screen
        .panelTrainControls: Translation(en: "Training settings", zh: "训练设置"),
        .panelTrainCircles: Translation(en: "Two runs on the unit circle", zh: "单位圆上的两次训练"),
        .panelTrainCharts: Translation(en: "Metrics over epochs", zh: "各轮指标"),
        .explainTrainControls: Translation(
            en:
                "s, m and the learning rate η of both runs, and the epochs per frame. Space plays or pauses, . trains one epoch, r starts again from the seed; a value changed while training applies from the next epoch.",
            zh: "两次训练共用的 s、m 和学习率 η，以及每帧训练的轮数。空格 播放或暂停，. 训练一轮，r 从种子重新开始；训练中改动的值从下一轮起生效。"),
        .explainTrainCircles: Translation(
            en:
                "The same data, network and seed trained without the margin (left) and with it (right). Each training feature is a mark of its class on the circle; the lines are the class directions W_j. The inner ring is where 90 % of each class lies, the next where each class wins, the outer where it wins by the margin m.",
            zh: "同样的数据、网络和种子，左边无间隔训练，右边有间隔训练。每个训练特征是圆上一个按类别标记的点；直线是类别方向 W_j。内圈是各类 90% 特征所在的弧，外面一圈是各类获胜的区域，最外圈是以间隔 m 获胜的区域。"),
        .explainTrainCharts: Translation(
            en:
                "Loss, accuracy and angles over the epochs for both runs. With the margin, θ_y should shrink and the median gap θ_rival − θ_y widen: the classes gather tighter around their directions.",
            zh: "两次训练各轮的损失、准确率和角度。有间隔时，θ_y 应当变小，中位间隙 θ_rival − θ_y 变大：各类更紧地聚在自己的方向周围。"),
        .glossaryLearningRate: Translation(en: "learning rate: the size of each SGD step", zh: "学习率：每步 SGD 的步长"),
        .glossaryClassMarks: Translation(
            en: "a training feature on the circle, marked by its class",
            zh: "圆上的训练特征，按类别标记"),
        .glossaryTrainingAngle: Translation(
            en: "angle from a feature to its class direction: mean, 95th pct",
            zh: "特征与本类方向的夹角：平均值、第 95 百分位"),
        .glossaryClassGap: Translation(
            en: "smallest angle between two class directions W_j",
            zh: "两个类别方向 W_j 之间的最小夹角"),
        .glossaryMedianGap: Translation(
            en: "median of θ_rival − θ_y over the training features",
            zh: "训练特征上 θ_rival − θ_y 的中位数"),
    ]
}
