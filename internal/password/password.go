// Package password hashes and verifies account passwords.
//
// New hashes use argon2id with OWASP's recommended parameters, encoded in
// the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash). Verify also
// accepts the formats MediaWiki keeps in user_password (":pbkdf2:", the
// layered ":pbkdf2-legacyA:" and ":pbkdf2-legacyB:", ":B:" and ":A:"), so
// that imported users can log in; it asks for a rehash after
// each of them. Policy checks new passwords for length and against a list of
// common passwords.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Parameters for new hashes (OWASP: m=19 MiB, t=2, p=1).
const (
	memoryKiB = 19 * 1024
	timeCost  = 2
	threads   = 1
	keyLen    = 32
	saltLen   = 16
)

var b64 = base64.RawStdEncoding

// Hash returns an argon2id hash of pw in PHC format.
func Hash(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("read salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, timeCost, memoryKiB, threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, memoryKiB, timeCost, threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether pw matches hash. rehash is true when the hash uses
// weaker parameters or an older format than new hashes, so the caller
// should store a new one.
func Verify(hash, pw string) (ok, rehash bool, err error) {
	if ok, handled, err := verifyMediaWiki(hash, pw); handled {
		return ok, ok, err
	}
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, false, fmt.Errorf("unsupported password hash format")
	}
	var version int
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil {
		return false, false, fmt.Errorf("parse hash version: %w", err)
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, false, fmt.Errorf("parse hash parameters: %w", err)
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, false, fmt.Errorf("decode salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, false, fmt.Errorf("decode hash: %w", err)
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	ok = subtle.ConstantTimeCompare(got, want) == 1
	rehash = ok && (m < memoryKiB || t < timeCost || len(want) < keyLen)
	return ok, rehash, nil
}
