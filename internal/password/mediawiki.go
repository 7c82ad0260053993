package password

import (
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
)

// maxPBKDF2Rounds bounds the work an imported hash can ask for, so that a
// crafted row cannot stall a login.
const maxPBKDF2Rounds = 10_000_000

// verifyMediaWiki checks pw against the hash formats MediaWiki stores in
// user_password: its default ":pbkdf2:algo:rounds:length:salt:hash" (any
// digest and cost, such as 1.39's sha512:30000:64 or 1.24's
// sha256:10000:128), the layered ":pbkdf2-legacyA:" and ":pbkdf2-legacyB:"
// that wrapOldPasswords.php made of old hashes, ":B:" (salted MD5) and
// ":A:" (MD5). handled is false when hash is in none of them.
func verifyMediaWiki(hash, pw string) (ok, handled bool, err error) {
	switch {
	case strings.HasPrefix(hash, ":pbkdf2-legacyA:"):
		ok, err = verifyLayered("A", strings.TrimPrefix(hash, ":pbkdf2-legacyA:"), pw)
	case strings.HasPrefix(hash, ":pbkdf2-legacyB:"):
		ok, err = verifyLayered("B", strings.TrimPrefix(hash, ":pbkdf2-legacyB:"), pw)
	case strings.HasPrefix(hash, ":pbkdf2:"):
		ok, err = verifyPBKDF2(strings.TrimPrefix(hash, ":pbkdf2:"), pw)
	case strings.HasPrefix(hash, ":B:"):
		ok, err = verifySaltedMD5(strings.TrimPrefix(hash, ":B:"), pw)
	case strings.HasPrefix(hash, ":A:"):
		ok, err = verifyMD5(strings.TrimPrefix(hash, ":A:"), pw)
	default:
		return false, false, nil
	}
	return ok, true, err
}

// verifyPBKDF2 checks "algo:rounds:length:salt:hash", where salt and hash
// are standard base64 and length is the key size in bytes.
func verifyPBKDF2(rest, pw string) (bool, error) {
	f := strings.Split(rest, ":")
	if len(f) != 5 {
		return false, errors.New("pbkdf2 hash: want 5 fields")
	}
	newHash, err := pbkdf2Digest(f[0])
	if err != nil {
		return false, err
	}
	rounds, err := strconv.Atoi(f[1])
	if err != nil || rounds <= 0 || rounds > maxPBKDF2Rounds {
		return false, fmt.Errorf("pbkdf2 hash: bad rounds %q", f[1])
	}
	length, err := strconv.Atoi(f[2])
	if err != nil || length <= 0 || length > 1024 {
		return false, fmt.Errorf("pbkdf2 hash: bad length %q", f[2])
	}
	salt, err := base64.StdEncoding.DecodeString(f[3])
	if err != nil {
		return false, fmt.Errorf("pbkdf2 salt: %w", err)
	}
	want, err := base64.StdEncoding.DecodeString(f[4])
	if err != nil {
		return false, fmt.Errorf("pbkdf2 hash: %w", err)
	}
	got, err := pbkdf2.Key(newHash, pw, salt, rounds, length)
	if err != nil {
		return false, fmt.Errorf("pbkdf2: %w", err)
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

func pbkdf2Digest(algo string) (func() hash.Hash, error) {
	switch algo {
	case "sha512":
		return sha512.New, nil
	case "sha384":
		return sha512.New384, nil
	case "sha256":
		return sha256.New, nil
	case "sha1":
		return sha1.New, nil
	}
	return nil, fmt.Errorf("pbkdf2 hash: unsupported digest %q", algo)
}

// verifySaltedMD5 checks "salt:hex", where hex is md5(salt + "-" + md5(pw)).
func verifySaltedMD5(rest, pw string) (bool, error) {
	salt, sum, found := strings.Cut(rest, ":")
	if !found {
		return false, errors.New(":B: hash: missing salt")
	}
	inner := md5Hex(pw)
	return hexEqual(md5Hex(salt+"-"+inner), sum)
}

// verifyMD5 checks an md5 hex digest of pw, or "salt:hex" salted as
// ":B:" is (MediaWiki's MWOldPassword with $wgPasswordSalt).
func verifyMD5(rest, pw string) (bool, error) {
	if salt, sum, found := strings.Cut(rest, ":"); found {
		return hexEqual(md5Hex(salt+"-"+md5Hex(pw)), sum)
	}
	return hexEqual(md5Hex(pw), rest)
}

// verifyLayered checks MediaWiki's LayeredParameterizedPassword of the
// types first ("A" or "B") and then pbkdf2: the parameters of each layer,
// then the arguments (salts) of each layer, then the final hash, joined by
// "!". The first layer's hex digest is the password of the PBKDF2 layer:
//
//	:pbkdf2-legacyB:!sha256:10000:128!<md5 salt>!<base64 salt>!<base64 hash>
//	:pbkdf2-legacyA:!sha256:10000:128!!<base64 salt>!<base64 hash>
func verifyLayered(first, rest, pw string) (bool, error) {
	parts := strings.Split(rest, "!")
	if len(parts) < 3 {
		return false, fmt.Errorf("pbkdf2-legacy%s hash: want layer parameters, salts and hash", first)
	}
	params, args, sum := parts[:2], parts[2:len(parts)-1], parts[len(parts)-1]
	if params[0] != "" || len(args) > 2 {
		return false, fmt.Errorf("pbkdf2-legacy%s hash: unexpected fields", first)
	}
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	var inner string
	switch first {
	case "A":
		inner = md5Hex(pw)
		if arg(0) != "" {
			inner = md5Hex(arg(0) + "-" + inner)
		}
	case "B":
		if arg(0) == "" {
			return false, errors.New("pbkdf2-legacyB hash: missing salt")
		}
		inner = md5Hex(arg(0) + "-" + md5Hex(pw))
	}
	if arg(1) == "" {
		return false, fmt.Errorf("pbkdf2-legacy%s hash: missing pbkdf2 salt", first)
	}
	return verifyPBKDF2(params[1]+":"+arg(1)+":"+sum, inner)
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func hexEqual(got, want string) (bool, error) {
	if len(want) != md5.Size*2 {
		return false, errors.New("md5 hash: want 32 hex digits")
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(strings.ToLower(want))) == 1, nil
}
