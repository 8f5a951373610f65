public enum LossMathVersion { public static let string = "0.1.0" }
