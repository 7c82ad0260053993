package password_test

import (
	"testing"

	"github.com/folio-wiki/folio/internal/password"
)

// The hashes below were computed outside Go: the sha1 one is RFC 6070's first
// vector, the others come from Python's hashlib with the salts shown.
func TestVerifyMediaWikiFormats(t *testing.T) {
	tests := []struct {
		name string
		hash string
		pw   string
		want bool
	}{
		{"pbkdf2 sha1 RFC 6070", ":pbkdf2:sha1:1:20:c2FsdA==:DGDID5YfDnHzqbUkr2ASBi/gN6Y=", "password", true},
		{"pbkdf2 sha1 wrong", ":pbkdf2:sha1:1:20:c2FsdA==:DGDID5YfDnHzqbUkr2ASBi/gN6Y=", "Password", false},
		{"pbkdf2 sha512 default cost", ":pbkdf2:sha512:30000:64:MDEyMzQ1Njc4OWFiY2RlZg==:EZdYedjJ9LINuCEWb/obgbC2etwQSY8+K/kV9Sbe4upwijP8unRux35qRxFax9VOayhTRti9uKhJLnaJW9awyQ==", "correct horse", true},
		{"pbkdf2 sha512 wrong", ":pbkdf2:sha512:30000:64:MDEyMzQ1Njc4OWFiY2RlZg==:EZdYedjJ9LINuCEWb/obgbC2etwQSY8+K/kV9Sbe4upwijP8unRux35qRxFax9VOayhTRti9uKhJLnaJW9awyQ==", "correct horses", false},
		{"B salted md5", ":B:838c83e1:ec884e5bd5643b8a744c9ec4317067e6", "correct horse", true},
		{"B wrong", ":B:838c83e1:ec884e5bd5643b8a744c9ec4317067e6", "correct", false},
		{"A md5", ":A:3cb4e732631f47e6eb961f34554b7cde", "correct horse", true},
		{"A upper-case hex", ":A:3CB4E732631F47E6EB961F34554B7CDE", "correct horse", true},
		{"A wrong", ":A:3cb4e732631f47e6eb961f34554b7cde", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, rehash, err := password.Verify(tt.hash, tt.pw)
			if err != nil || ok != tt.want || rehash != tt.want {
				t.Errorf("Verify(%q, %q) = %v, %v, %v; want %v, %v, nil", tt.hash, tt.pw, ok, rehash, err, tt.want, tt.want)
			}
		})
	}
}

func TestVerifyMediaWikiRejectsMalformed(t *testing.T) {
	for _, h := range []string{
		":pbkdf2:sha1:1:20:c2FsdA==",
		":pbkdf2:md4:1:20:c2FsdA==:DGDID5YfDnHzqbUkr2ASBi/gN6Y=",
		":pbkdf2:sha1:0:20:c2FsdA==:DGDID5YfDnHzqbUkr2ASBi/gN6Y=",
		":pbkdf2:sha1:999999999:20:c2FsdA==:DGDID5YfDnHzqbUkr2ASBi/gN6Y=",
		":pbkdf2:sha1:1:20:!!:DGDID5YfDnHzqbUkr2ASBi/gN6Y=",
		":B:nosalt",
		":B:salt:short",
		":A:abc",
	} {
		if ok, _, err := password.Verify(h, "password"); ok || err == nil {
			t.Errorf("Verify(%q) = %v, %v; want false and an error", h, ok, err)
		}
	}
}

func TestPolicyCheck(t *testing.T) {
	tests := []struct {
		name   string
		policy password.Policy
		user   string
		pw     string
		ok     bool
	}{
		{"good", password.Policy{}, "Alice", "violet-kettle-42", true},
		{"too short", password.Policy{}, "Alice", "short", false},
		{"counts characters not bytes", password.Policy{MinLength: 4}, "Alice", "ééé", false},
		{"longer minimum", password.Policy{MinLength: 12}, "Alice", "violet-kett", false},
		{"same as name", password.Policy{}, "Alicealice", "aliceALICE", false},
		{"common", password.Policy{}, "Alice", "Password123", false},
		{"common allowed", password.Policy{AllowCommon: true}, "Alice", "password123", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.policy.Check(tt.user, tt.pw)
			if (err == nil) != tt.ok {
				t.Errorf("Check(%q, %q) = %v, want ok=%v", tt.user, tt.pw, err, tt.ok)
			}
		})
	}
}
