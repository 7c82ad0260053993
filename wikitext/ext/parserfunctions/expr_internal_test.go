package parserfunctions

import "testing"

func TestEvalExpr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1+2*3", "7"},
		{"(1+2)*3", "9"},
		{"2^3^2", "64"},
		{"-2^2", "4"},
		{"7 mod 3", "1"},
		{"1/3", "0.33333333333333"},
		{"1e3", "1000"},
		{"3 round 0", "3"},
		{"2.5 round 0", "3"},
		{"1 = 1 and 2 > 1", "1"},
		{"not 0", "1"},
		{"pi", "3.1415926535898"},
		{"1/0", "Expression error: Division by zero."},
		{"1 +", "Expression error: Missing operand for +."},
		{"foo", `Expression error: Unrecognized word "foo".`},
		{"(1", "Expression error: Unclosed bracket."},
		{"1)", "Expression error: Unexpected closing bracket."},
		{"1 2", "Expression error: Unexpected number."},
		{"", ""},
		{"10^20", "1.0E+20"},
	}
	for _, tt := range tests {
		v, err := evalExpr(tt.in)
		got := ""
		switch {
		case err != nil:
			got = err.Error()
		case !v.empty:
			got = formatNumber(v.n)
		}
		if got != tt.want {
			t.Errorf("evalExpr(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
