import Testing

@testable import Explorer

// Expected values come from an independent NumPy script (softmax with the max
// subtracted, CosFace logits s·(cos θ − m) on the target, gradients through the
// normalisation as in Docs/Math.md §2), not from this code.

private func values(_ state: String, batch: Bool = false) throws -> [String: String] {
    let s = try StateString.decode(state)
    let snapshot = batch ? BatchEngine(file: nil).snapshot(for: s) : nil
    return LessonQuantities.values(LessonQuantities.Inputs(state: s, batch: snapshot))
}

@Test func softmaxQuantitiesMatchAHandComputation() throws {
    let v = try values("ms1;screen=softmax;y=0;logits=2,1,0.5,-1")
    // p = softmax(2, 1, 0.5, −1) = (0.60946, 0.22421, 0.13599, 0.03034); LSE = 2.495182.
    #expect(v["loss"] == "0.4952")
    #expect(v["p_y"] == "0.6095")
    #expect(v["lse"] == "2.4952")
    #expect(v["x_y"] == "2.00")
    #expect(v["grad_y"] == "-0.3905")
    #expect(v["rival"] == "1")
    #expect(v["p_rival"] == "0.2242")
    #expect(v["grad_rival"] == "0.2242")
}

@Test func cosineQuantitiesMatchAHandComputation() throws {
    let v = try values("ms1;screen=cosine;s=30;m=0.35;y=0;cos=0.62,0.5,0.2,-0.1")
    #expect(v["s"] == "30" && v["m"] == "0.35" && v["C"] == "4")
    #expect(v["loss"] == "6.9011" && v["loss_lmcl"] == "6.9011")
    #expect(v["p_y"] == "0.0010")
    #expect(v["loss_nf"] == "0.0270" && v["p_y_nf"] == "0.9734")
    // z_y = 30·(0.62 − 0.35) = 8.1, z_1 = 30·0.5 = 15.
    #expect(v["z_y"] == "8.100" && v["z_rival"] == "15.000")
    #expect(v["gap"] == "-0.230")
    #expect(v["dcos_y"] == "-29.970" && v["dcos_y_nf"] == "-0.798")
    // acos(0.5) = 60°, acos(0.85) = 31.79°.
    #expect(v["crossing_nf"] == "60.0" && v["crossing_lmcl"] == "31.8" && v["shift_deg"] == "28.2")
    // (3/4)·ln(3·0.99/0.01) = 4.2703.
    #expect(v["s_bound"] == "4.27")
    #expect(v["theta_y"] == "51.7")
}

@Test func marginBoundsForEightClassesAreTheCosFacePapers() throws {
    let v = try values("ms1;screen=cosine;cos=0.62,0.5,0.2,-0.1,0.1,0,-0.3,-0.5")
    // 1 − cos(45°) = 0.2929; 8/7 = 1.1429.
    #expect(v["m_bound_2d"] == "0.29" && v["m_bound_d"] == "1.14")
}

@Test func geometryQuantitiesShowTheGradientIsTangent() throws {
    let v = try values("ms1;screen=geometry;s=30;m=0.35;y=0;x=30;W=0,90,180,270")
    #expect(v["phi_x"] == "30.0" && v["cos_y"] == "0.866")
    #expect(v["p_y"] == "0.6179" && v["loss"] == "0.4814")
    #expect(v["grad_norm"] == "15.658")
    #expect(v["x_dot_grad"] == "0.000")
}

@Test func batchQuantitiesSplitTheBatchAndNeedASnapshot() throws {
    let state = "ms1;screen=batch;N=256;C=50;k=2"
    let v = try values(state, batch: true)
    let counts = ["n_satisfied", "n_boundary", "n_beyond"].compactMap { v[$0].flatMap(Int.init) }
    #expect(counts.count == 3 && counts.reduce(0, +) == 256)
    // Fewer margins, smaller loss: BD-LMCL never exceeds LMCL (Docs/Math.md §6).
    let lmcl = try #require(v["loss_batch_lmcl"].flatMap(Double.init))
    let bd = try #require(v["loss_batch_bdlmcl"].flatMap(Double.init))
    #expect(bd <= lmcl)
    #expect(v["loss"] == v["loss_batch_bdlmcl"])
    // With k = C nobody is beyond the top k.
    #expect(try values("ms1;screen=batch;N=256;C=50;k=50", batch: true)["n_beyond"] == "0")
    // Without the batch's numbers, batch quantities are a dash, not a guess.
    #expect(try values(state)["n_boundary"] == "—")
}

@Test func everyQuantityHasAValueOnItsOwnScreenThatFitsItsStatedWidth() throws {
    let states = [
        "ms1;screen=softmax;logits=-9.9,9.9", "ms1;screen=cosine;s=1000;m=2;cos=-1,1", "ms1;screen=cosine;s=1000;m=2;cos=1,-1",
        "ms1;screen=geometry;s=1000;m=2;x=181", "ms1;screen=geometry;s=0.01;x=0", "ms1;screen=batch;N=300;C=12",
    ]
    for state in states {
        let v = try values(state, batch: state.contains("batch"))
        for q in LessonQuantities.all {
            let text = try #require(v[q.name])
            #expect(text.count <= q.widest, "\(q.name) = \(text) in \(state)")
        }
    }
}

@Test func theLessonsAnswersAgreeWithTheMathematics() throws {
    func number(_ state: String, _ name: String, batch: Bool = false) throws -> Double {
        try #require(values(state, batch: batch)[name].flatMap(Double.init), "\(name) in \(state)")
    }
    // Lesson 1: adding 10 to every logit leaves the loss unchanged.
    #expect(try number("ms1;screen=softmax;logits=12,11,10.5,9", "loss") == number("ms1;screen=softmax;logits=2,1,0.5,-1", "loss"))
    // Lesson 2: a larger s lowers a winner's loss and roughly doubles a loser's.
    let cos = "cos=0.62,0.5,0.2,-0.1", losing = "cos=0.45,0.5,0.2,-0.1"
    #expect(try number("ms1;screen=cosine;s=64;m=0;\(cos)", "loss_nf") < number("ms1;screen=cosine;s=30;m=0;\(cos)", "loss_nf"))
    let ratio = try number("ms1;screen=cosine;s=60;m=0;\(losing)", "loss_nf") / number("ms1;screen=cosine;s=30;m=0;\(losing)", "loss_nf")
    #expect(ratio > 1.5 && ratio < 2.5)
    // Lesson 2: the best case reaches p_y = 0.99 at the bound s = 4.27, not at s = 1.
    let best = "m=0;cos=1,-0.333,-0.333,-0.333"
    #expect(try abs(number("ms1;screen=cosine;s=4.27;\(best)", "p_y_nf") - 0.99) < 0.001)
    #expect(try number("ms1;screen=cosine;s=1;\(best)", "p_y_nf") < 0.99)
    // Lesson 3: a larger m lowers p_y, widens the shift, and LMCL pushes harder than NormFace.
    #expect(try number("ms1;screen=cosine;s=30;m=0.35;\(cos)", "p_y") < number("ms1;screen=cosine;s=30;m=0.2;\(cos)", "p_y"))
    #expect(try number("ms1;screen=cosine;m=0.5;\(cos)", "shift_deg") > number("ms1;screen=cosine;m=0.35;\(cos)", "shift_deg"))
    #expect(try abs(number("ms1;screen=cosine;m=0.35;\(cos)", "dcos_y")) > abs(number("ms1;screen=cosine;m=0.35;\(cos)", "dcos_y_nf")))
    // Lesson 4: near W_0 the gradient fades; at 40° the margin hands the win to the rival.
    let four = "W=0,90,180,270;s=30;m=0.35"
    #expect(try number("ms1;screen=geometry;x=10;\(four)", "grad_norm") < number("ms1;screen=geometry;x=30;\(four)", "grad_norm"))
    #expect(try number("ms1;screen=geometry;x=40;\(four)", "p_y") < 0.5)
    #expect(try number("ms1;screen=geometry;x=40;\(four)", "gap") < 0)
    // Lesson 4: with 8 classes and m = 0.35 no direction of x wins for y.
    for degrees in stride(from: 0, to: 360, by: 5) {
        #expect(try number("ms1;screen=geometry;s=30;m=0.35;x=\(degrees);W=0,45,90,135,180,225,270,315", "p_y") < 0.5)
    }
    // Lesson 5: a larger k selects more boundary samples.
    let batch = "ms1;screen=batch;N=256;C=50;spread=0.12;seed=1"
    #expect(try number("\(batch);k=5", "n_boundary", batch: true) > number("\(batch);k=2", "n_boundary", batch: true))
}
