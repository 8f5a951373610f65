/// What ArcFace's target logit does where `cos(θ + m)` stops being monotone.
///
/// `cos(θ + m)` rises again with θ once `θ + m > π` (`cos θ < th = cos(π − m) = −cos m`),
/// so the exact gradient would push the target cosine down there. The ArcFace paper
/// (Deng et al., CVPR 2019, Eq. 3) ignores the region; the code that trains with it
/// replaces the margin branch at or below a switch cosine. The margin branch applies
/// where `c > switch` (a strict test, as in that code), the fallback at or below it:
/// - `none`: `cos(θ + m)` everywhere (the paper; insightface since 2022);
/// - `sinmm`: `c − m·sin m` below `th` (insightface 2018–22, SpeechBrain, CurricularFace);
/// - `continuous`: `c − (1 − cos m)` below `th`, continuous at the switch (WeSpeaker);
/// - `easy`: `c` where `c ≤ 0` (the "easy margin" flags; not monotone: f drops by `sin m` at 0);
/// - `clip`: `cos(min(θ + m, π)) = −1` below `th` (opensphere, AdaFace at π − ε).
/// See Docs/Math.md, "ArcFace and its fallbacks".
public enum ArcFaceFallback: String, CaseIterable, Hashable, Sendable {
    case none
    case sinmm
    case continuous
    case easy
    case clip
}
