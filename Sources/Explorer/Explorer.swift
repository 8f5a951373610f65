import TerminalUI
import LossMath
