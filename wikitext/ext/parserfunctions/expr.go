package parserfunctions

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// op is an expression operator.
type op int

const (
	opNone op = iota
	opOpen
	opNegative
	opPositive
	opPlus
	opMinus
	opTimes
	opDivide
	opMod
	opFmod
	opPow
	opRound
	opEqual
	opLess
	opGreater
	opLessEq
	opGreaterEq
	opNotEq
	opAnd
	opOr
	opNot
	opExponent
	opPi
	opSin
	opCos
	opTan
	opAsin
	opAcos
	opAtan
	opExp
	opLn
	opAbs
	opFloor
	opTrunc
	opCeil
	opSqrt
)

var precedence = map[op]int{
	opNegative: 10, opPositive: 10, opExponent: 10,
	opSin: 9, opCos: 9, opTan: 9, opAsin: 9, opAcos: 9, opAtan: 9, opExp: 9, opLn: 9,
	opAbs: 9, opFloor: 9, opTrunc: 9, opCeil: 9, opSqrt: 9, opNot: 9,
	opPow: 8, opTimes: 7, opDivide: 7, opMod: 7, opFmod: 7, opPlus: 6, opMinus: 6,
	opRound: 5, opEqual: 4, opLess: 4, opGreater: 4, opLessEq: 4, opGreaterEq: 4, opNotEq: 4,
	opAnd: 3, opOr: 2, opPi: 0, opOpen: -1,
}

var opNames = map[op]string{
	opNegative: "-", opPositive: "+", opNot: "not", opTimes: "*", opDivide: "/", opMod: "mod",
	opFmod: "fmod", opPlus: "+", opMinus: "-", opRound: "round", opEqual: "=", opLess: "<",
	opGreater: ">", opLessEq: "<=", opGreaterEq: ">=", opNotEq: "<>", opAnd: "and", opOr: "or",
	opExponent: "e", opSin: "sin", opCos: "cos", opTan: "tan", opAsin: "asin", opAcos: "acos",
	opAtan: "atan", opLn: "ln", opExp: "exp", opAbs: "abs", opFloor: "floor", opTrunc: "trunc",
	opCeil: "ceil", opPow: "^", opPi: "pi", opSqrt: "sqrt",
}

var wordOps = map[string]op{
	"mod": opMod, "fmod": opFmod, "and": opAnd, "or": opOr, "not": opNot, "round": opRound,
	"div": opDivide, "e": opExponent, "pi": opPi, "sin": opSin, "cos": opCos, "tan": opTan,
	"asin": opAsin, "acos": opAcos, "atan": opAtan, "exp": opExp, "ln": opLn, "abs": opAbs,
	"trunc": opTrunc, "floor": opFloor, "ceil": opCeil, "sqrt": opSqrt,
}

func unary(o op) bool {
	return o == opNegative || o == opPositive || o == opNot || (o >= opSin && o <= opSqrt)
}

// exprValue is the result of an expression; empty for "".
type exprValue struct {
	n     float64
	empty bool
}

func exprError(msg string) error { return errors.New("Expression error: " + msg) }

// exprState is the shunting-yard state of one evaluation.
type exprState struct {
	operands  []float64
	operators []op
	expectOp  bool // expecting an operator (true) or an operand (false)
}

// evalExpr evaluates a #expr expression with MediaWiki's operators,
// precedence and error messages.
func evalExpr(expr string) (exprValue, error) {
	expr = strings.ReplaceAll(expr, "−", "-")
	s := &exprState{}
	for p := 0; p < len(expr); {
		n, err := s.step(expr, p)
		if err != nil {
			return exprValue{}, err
		}
		p = n
	}
	for len(s.operators) > 0 {
		o := s.pop()
		if o == opOpen {
			return exprValue{}, exprError("Unclosed bracket.")
		}
		if err := s.apply(o); err != nil {
			return exprValue{}, err
		}
	}
	if len(s.operands) == 0 {
		return exprValue{empty: true}, nil
	}
	return exprValue{n: s.operands[len(s.operands)-1]}, nil
}

func (s *exprState) pop() op {
	o := s.operators[len(s.operators)-1]
	s.operators = s.operators[:len(s.operators)-1]
	return o
}

// step consumes one token at p and returns the next position.
func (s *exprState) step(expr string, p int) (int, error) {
	c := expr[p]
	switch {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		return p + 1, nil
	case (c >= '0' && c <= '9') || c == '.':
		return s.number(expr, p)
	case (c|0x20) >= 'a' && (c|0x20) <= 'z':
		return s.word(expr, p)
	}
	return s.symbol(expr, p)
}

func (s *exprState) number(expr string, p int) (int, error) {
	if s.expectOp {
		return 0, exprError("Unexpected number.")
	}
	end := p
	for end < len(expr) && ((expr[end] >= '0' && expr[end] <= '9') || expr[end] == '.') {
		end++
	}
	v, _ := parseFloat(expr[p:end])
	s.operands = append(s.operands, v)
	s.expectOp = true
	return end, nil
}

func (s *exprState) word(expr string, p int) (int, error) {
	end := p
	for end < len(expr) && ((expr[end]|0x20) >= 'a' && (expr[end]|0x20) <= 'z') {
		end++
	}
	w := strings.ToLower(expr[p:end])
	o, ok := wordOps[w]
	if !ok {
		return 0, exprError(`Unrecognized word "` + w + `".`)
	}
	switch {
	case o == opExponent && !s.expectOp:
		s.operands = append(s.operands, math.E)
		s.expectOp = true
		return end, nil
	case o == opPi:
		if s.expectOp {
			return 0, exprError("Unexpected number.")
		}
		s.operands = append(s.operands, math.Pi)
		s.expectOp = true
		return end, nil
	case unary(o):
		if s.expectOp {
			return 0, exprError("Unexpected " + opNames[o] + " operator.")
		}
		s.operators = append(s.operators, o)
		return end, nil
	}
	return end, s.binary(o)
}

// symbol handles punctuation operators and brackets.
func (s *exprState) symbol(expr string, p int) (int, error) {
	c := expr[p]
	var o op
	n := 1
	switch c {
	case '+', '-':
		if !s.expectOp {
			o = opPositive
			if c == '-' {
				o = opNegative
			}
			s.operators = append(s.operators, o)
			return p + 1, nil
		}
		o = map[byte]op{'+': opPlus, '-': opMinus}[c]
	case '*':
		o = opTimes
	case '/':
		o = opDivide
	case '^':
		o = opPow
	case '(':
		if s.expectOp {
			return 0, exprError("Unexpected ( operator.")
		}
		s.operators = append(s.operators, opOpen)
		return p + 1, nil
	case ')':
		return p + 1, s.closeBracket()
	case '=':
		o = opEqual
	case '<':
		o, n = twoChar(expr, p, opLess, map[byte]op{'=': opLessEq, '>': opNotEq})
	case '>':
		o, n = twoChar(expr, p, opGreater, map[byte]op{'=': opGreaterEq})
	case '!':
		if p+1 < len(expr) && expr[p+1] == '=' {
			o, n = opNotEq, 2
		} else {
			return 0, exprError(`Unrecognized punctuation character "!".`)
		}
	default:
		r := []rune(expr[p:])[0]
		return 0, exprError(`Unrecognized punctuation character "` + string(r) + `".`)
	}
	return p + n, s.binary(o)
}

func twoChar(expr string, p int, single op, pairs map[byte]op) (op, int) {
	if p+1 < len(expr) {
		if o, ok := pairs[expr[p+1]]; ok {
			return o, 2
		}
	}
	return single, 1
}

func (s *exprState) closeBracket() error {
	for {
		if len(s.operators) == 0 {
			return exprError("Unexpected closing bracket.")
		}
		o := s.pop()
		if o == opOpen {
			break
		}
		if err := s.apply(o); err != nil {
			return err
		}
	}
	s.expectOp = true
	return nil
}

// binary pushes a binary operator after applying operators of higher or
// equal precedence.
func (s *exprState) binary(o op) error {
	if !s.expectOp {
		return exprError("Unexpected " + opNames[o] + " operator.")
	}
	for len(s.operators) > 0 && precedence[o] <= precedence[s.operators[len(s.operators)-1]] {
		if err := s.apply(s.pop()); err != nil {
			return err
		}
	}
	s.operators = append(s.operators, o)
	s.expectOp = false
	return nil
}

func parseFloat(s string) (float64, error) {
	s = strings.TrimSpace(s)
	// PHP's floatval reads the longest numeric prefix.
	end := 0
	dot := false
	for end < len(s) && ((s[end] >= '0' && s[end] <= '9') || (s[end] == '.' && !dot) || (end == 0 && (s[0] == '-' || s[0] == '+'))) {
		if s[end] == '.' {
			dot = true
		}
		end++
	}
	if end < len(s) && (s[end] == 'e' || s[end] == 'E') {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return v, nil
		}
	}
	if end == 0 || s[:end] == "." {
		return 0, nil
	}
	return strconv.ParseFloat(strings.TrimSuffix(s[:end], "."), 64)
}
