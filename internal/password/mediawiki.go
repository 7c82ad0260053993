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
// user_password. handled is false when hash is in none of them.
func verifyMediaWiki(hash, pw string) (ok, handled bool, err error) {
	switch {
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

// verifyMD5 checks an unsalted md5 hex digest.
func verifyMD5(sum, pw string) (bool, error) {
	return hexEqual(md5Hex(pw), sum)
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
