package parserfunctions

import (
	"math"
	"strconv"
	"strings"
)

// apply runs one operator on the operand stack.
func (s *exprState) apply(o op) error {
	if unary(o) {
		if len(s.operands) < 1 {
			return exprError("Missing operand for " + opNames[o] + ".")
		}
		x := &s.operands[len(s.operands)-1]
		v, err := applyUnary(o, *x)
		*x = v
		return err
	}
	if len(s.operands) < 2 {
		return exprError("Missing operand for " + opNames[o] + ".")
	}
	r := s.operands[len(s.operands)-1]
	l := s.operands[len(s.operands)-2]
	s.operands = s.operands[:len(s.operands)-1]
	v, err := applyBinary(o, l, r)
	s.operands[len(s.operands)-1] = v
	return err
}

func boolNum(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func applyUnary(o op, x float64) (float64, error) {
	switch o {
	case opNegative:
		return -x, nil
	case opPositive:
		return x, nil
	case opNot:
		return boolNum(x == 0), nil
	case opSin:
		return math.Sin(x), nil
	case opCos:
		return math.Cos(x), nil
	case opTan:
		return math.Tan(x), nil
	case opAsin, opAcos:
		if x < -1 || x > 1 {
			return 0, exprError("Invalid argument for " + opNames[o] + ": < -1 or > 1.")
		}
		if o == opAsin {
			return math.Asin(x), nil
		}
		return math.Acos(x), nil
	case opAtan:
		return math.Atan(x), nil
	case opExp:
		return math.Exp(x), nil
	case opLn:
		if x <= 0 {
			return 0, exprError("Invalid argument for ln: <= 0.")
		}
		return math.Log(x), nil
	case opAbs:
		return math.Abs(x), nil
	case opFloor:
		return math.Floor(x), nil
	case opTrunc:
		return math.Trunc(x), nil
	case opCeil:
		return math.Ceil(x), nil
	case opSqrt:
		if x < 0 {
			return 0, exprError("The result of sqrt is not a number.")
		}
		return math.Sqrt(x), nil
	}
	return x, nil
}

func applyBinary(o op, l, r float64) (float64, error) {
	switch o {
	case opPlus:
		return l + r, nil
	case opMinus:
		return l - r, nil
	case opTimes:
		return l * r, nil
	case opDivide:
		if r == 0 {
			return 0, exprError("Division by zero.")
		}
		return l / r, nil
	case opMod:
		li, ri := int64(l), int64(r)
		if ri == 0 {
			return 0, exprError("Division by zero.")
		}
		return float64(li % ri), nil
	case opFmod:
		if r == 0 {
			return 0, exprError("Division by zero.")
		}
		return math.Mod(l, r), nil
	case opPow:
		v := math.Pow(l, r)
		if math.IsNaN(v) {
			return 0, exprError("The result of ^ is not a number.")
		}
		return v, nil
	case opRound:
		return phpRound(l, int(r)), nil
	case opExponent:
		return l * math.Pow(10, r), nil
	}
	return compare(o, l, r), nil
}

func compare(o op, l, r float64) float64 {
	switch o {
	case opEqual:
		return boolNum(l == r)
	case opNotEq:
		return boolNum(l != r)
	case opLess:
		return boolNum(l < r)
	case opGreater:
		return boolNum(l > r)
	case opLessEq:
		return boolNum(l <= r)
	case opGreaterEq:
		return boolNum(l >= r)
	case opAnd:
		return boolNum(l != 0 && r != 0)
	case opOr:
		return boolNum(l != 0 || r != 0)
	}
	return 0
}

// phpRound rounds half away from zero to the given number of decimals.
func phpRound(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	x := v * p
	if math.IsInf(x, 0) {
		return v
	}
	r := math.Round(x)
	// Correct values like 1.005*100 = 100.49999… the way PHP's pre-rounding does.
	if pre, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64); err == nil {
		r = math.Round(pre)
	}
	return r / p
}

// formatNumber prints a number like PHP's float to string conversion
// with precision 14.
func formatNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NAN"
	case math.IsInf(v, 1):
		return "INF"
	case math.IsInf(v, -1):
		return "-INF"
	case v == 0:
		if math.Signbit(v) {
			return "-0"
		}
		return "0"
	}
	s := strconv.FormatFloat(v, 'G', 14, 64)
	if i := strings.IndexByte(s, 'E'); i >= 0 {
		mant, exp := s[:i], s[i+1:]
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		sign := "+"
		if exp[0] == '-' || exp[0] == '+' {
			sign, exp = exp[:1], exp[1:]
		}
		exp = strings.TrimLeft(exp, "0")
		return mant + "E" + sign + exp
	}
	return s
}
