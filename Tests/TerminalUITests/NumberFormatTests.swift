import TerminalUI
import Testing

@Test func negativeZeroIsShownWithoutASign() {
    #expect(formatNumber(-0.0, decimals: 3) == "0.000")
    #expect(formatNumber(-0.0001, decimals: 3) == "0.000")
    #expect(formatNumber(-0.0, significant: 3) == "0")
    #expect(formatNumber(-0.0004, decimals: 3, sign: true) == "0.000")
}

@Test func fixedDecimalsHideFloatNoise() {
    #expect(formatNumber(0.1 + 0.2, decimals: 2) == "0.30")
    #expect(formatNumber(0.35 + 0.05, decimals: 2) == "0.40")
    #expect(formatNumber(2.5, decimals: 0) == "3")
    #expect(formatNumber(-1.25, decimals: 1) == "-1.3")
    #expect(formatNumber(30, decimals: 2) == "30.00")
}

@Test func signOptionMarksPositiveValues() {
    #expect(formatNumber(1.5, decimals: 2, sign: true) == "+1.50")
    #expect(formatNumber(-1.5, decimals: 2, sign: true) == "-1.50")
    #expect(formatNumber(0, decimals: 2, sign: true) == "0.00")
    #expect(formatNumber(2e-7, significant: 2, sign: true) == "+2e-7")
}

@Test func nanAndInfinityAreNeverSpelledOut() {
    #expect(formatNumber(.nan, decimals: 2) == "—")
    #expect(formatNumber(.infinity, decimals: 2) == "—")
    #expect(formatNumber(-.infinity, significant: 3) == "—")
    #expect(formatNumber(.nan, significant: 3, missing: "--") == "--")
}

@Test func largeValuesUseCompactScientificNotation() {
    #expect(formatNumber(1e6, decimals: 2) == "1e6")
    #expect(formatNumber(-2.5e6, decimals: 2) == "-2.5e6")
    #expect(formatNumber(1e6, significant: 3) == "1e6")
    #expect(formatNumber(1_234_567, significant: 3) == "1.23e6")
    #expect(formatNumber(9.999e300, significant: 2) == "1e301")
}

@Test func tinyValuesUseCompactScientificNotationWithSignificantDigits() {
    #expect(formatNumber(1e-9, significant: 3) == "1e-9")
    #expect(formatNumber(1.5e-9, significant: 3) == "1.5e-9")
    #expect(formatNumber(-0.000123, significant: 3) == "-1.23e-4")
    // With fixed decimals a tiny value is a rounded zero.
    #expect(formatNumber(1e-9, decimals: 3) == "0.000")
}

@Test func significantDigitsTrimTrailingZeros() {
    #expect(formatNumber(0.1 + 0.2, significant: 3) == "0.3")
    #expect(formatNumber(0.5, significant: 3) == "0.5")
    #expect(formatNumber(9.9999, significant: 3) == "10")
    #expect(formatNumber(1234.5678, significant: 3) == "1230")
    #expect(formatNumber(0.012345, significant: 2) == "0.012")
}
