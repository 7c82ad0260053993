package password

import (
	"fmt"
	"testing"

	"golang.org/x/crypto/argon2"
)

func TestVerifyWeakParamsAsksRehash(t *testing.T) {
	salt := []byte("saltsaltsaltsalt")
	key := argon2.IDKey([]byte("pw"), salt, 1, 1024, 1, keyLen)
	weak := fmt.Sprintf("$argon2id$v=19$m=1024,t=1,p=1$%s$%s", b64.EncodeToString(salt), b64.EncodeToString(key))
	ok, rehash, err := Verify(weak, "pw")
	if err != nil || !ok || !rehash {
		t.Errorf("Verify(weak) = %v, %v, %v; want true, true, nil", ok, rehash, err)
	}
}
