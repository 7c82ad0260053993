package password_test

import (
	"testing"

	"github.com/folio-wiki/folio/internal/password"
)

// Layered hashes as MediaWiki's wrapOldPasswords.php writes them, computed
// with Python's hashlib: md5 (salted with 838c83e1 for B) of the password,
// its hex digest then hashed with PBKDF2 (salt "0123456789abcdef").
const (
	legacyB = ":pbkdf2-legacyB:!sha256:10000:128!838c83e1!MDEyMzQ1Njc4OWFiY2RlZg==!tbaPz9YAlAr0lbm/d7cSb2fHnGdlbEP9ygsn0LuGn+EgysVNMK5lSpuwSAltznLYEMh5s4LspZFM2yiMP66DAdJelykCTBliLgfgvFff7ggFQY2rBOp8Cwpf9j0KJLep2ho5Rbn1wF9i7b2/vRaKJ4/Tkg/xL2JK3C1OyO0UMwo="
	legacyA = ":pbkdf2-legacyA:!sha256:10000:128!!MDEyMzQ1Njc4OWFiY2RlZg==!x9F+lScFGtCd242IcvjyXpylkWOnqYMkEQdZ75WJvxGiANo5pZiK2q993achLyODyFMfTPDPaxor1ihJT1EHn6bSY5AXhzhxDHwi6K8jZeS0bagNSuJVNKhbH/+0jxtnIBoTlJgDa39mfX6LKlznI7e9Xa0QsNhVJM25NjmKsdE="
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
		{"pbkdf2 sha256 1.24 default", ":pbkdf2:sha256:10000:128:MDEyMzQ1Njc4OWFiY2RlZg==:TI2grtvV1HW5nz2rBY4tctlrmOj5bZs0dw9j8NHpRRfd7asynXVsnYg4rVXUMnsgLsncxhAs0kG2DIe4pdEHfViKLS/Y26cqyIJlWUb13LeS6tgsmGSgSXvxneuCSf1cqO+Vy9uE3MJzfMVHmTuW2+c9rX/Jpd03t/CXJU1HlO4=", "correct horse", true},
		{"pbkdf2 sha256 wrong", ":pbkdf2:sha256:10000:128:MDEyMzQ1Njc4OWFiY2RlZg==:TI2grtvV1HW5nz2rBY4tctlrmOj5bZs0dw9j8NHpRRfd7asynXVsnYg4rVXUMnsgLsncxhAs0kG2DIe4pdEHfViKLS/Y26cqyIJlWUb13LeS6tgsmGSgSXvxneuCSf1cqO+Vy9uE3MJzfMVHmTuW2+c9rX/Jpd03t/CXJU1HlO4=", "Correct horse", false},
		{"legacyB over sha256", legacyB, "correct horse", true},
		{"legacyB wrong", legacyB, "correct horse ", false},
		{"legacyB over sha512", ":pbkdf2-legacyB:!sha512:30000:64!838c83e1!MDEyMzQ1Njc4OWFiY2RlZg==!ItRaRLdohrhBte0uHx4lIpdiNDELkgRTjE7DTiS6bXzt5yPmaQ6AIhpPhUVPxS9VHQ5XPk4z6xjPhgegaf6hyw==", "correct horse", true},
		{"legacyA over sha256", legacyA, "correct horse", true},
		{"legacyA wrong", legacyA, "horse", false},
		{"A salted", ":A:838c83e1:ec884e5bd5643b8a744c9ec4317067e6", "correct horse", true},
		{"A salted wrong", ":A:838c83e1:ec884e5bd5643b8a744c9ec4317067e6", "correct", false},
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
		":pbkdf2-legacyB:!sha256:10000:128",
		":pbkdf2-legacyB:!sha256:10000:128!!MDEyMzQ1Njc4OWFiY2RlZg==!AAAA",
		":pbkdf2-legacyA:!sha256:10000:128!!!AAAA",
		":pbkdf2-legacyA:x!sha256:10000:128!!MDEyMzQ1Njc4OWFiY2RlZg==!AAAA",
		":pbkdf2-legacyB:!md4:1:20!838c83e1!MDEyMzQ1Njc4OWFiY2RlZg==!AAAA",
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
