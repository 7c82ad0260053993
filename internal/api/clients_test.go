package api_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clientsDir holds the client scripts, relative to this package.
const clientsDir = "../../clients"

// runClient runs a client script against a fresh server and fails unless it
// prints ALL OK.
func runClient(t *testing.T, env *Env, name string, args ...string) {
	t.Helper()
	env.MustEdit("Main Page", "Welcome to the '''test''' wiki.", nil)
	env.MustCreateUser("Client User")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	out, err := cmd.CombinedOutput()
	t.Logf("%s %s:\n%s", name, strings.Join(args, " "), out)
	if err != nil || !strings.Contains(string(out), "ALL OK") {
		t.Fatalf("client script failed: %v", err)
	}
}

// TestPythonMWClient runs clients/python/mwclient_check.py with Debian's
// python3-mwclient: login, read, edit, read back, recent changes.
func TestPythonMWClient(t *testing.T) {
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("install Debian's python3 and python3-mwclient to run the mwclient client test")
	}
	if err := exec.Command(py, "-c", "import mwclient").Run(); err != nil {
		t.Skip("install python3-mwclient (apt-get install -y python3-mwclient) to run the mwclient client test")
	}
	env := MustStart(t, MustOpenSQLite(t))
	host := strings.TrimPrefix(env.URL, "http://")
	runClient(t, env, py, filepath.Join(clientsDir, "python", "mwclient_check.py"), host, "Client User", TestPassword)
}

// TestNodeMwn runs clients/mwn/check.js with mwn from npm: login, read,
// edit, recent changes, parse.
func TestNodeMwn(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("install Node.js (apt-get install -y nodejs npm) to run the mwn client test")
	}
	if _, err := os.Stat(filepath.Join(clientsDir, "mwn", "node_modules", "mwn")); err != nil {
		t.Skip("run `npm ci --prefix clients/mwn` to install mwn for the client test")
	}
	env := MustStart(t, MustOpenSQLite(t))
	runClient(t, env, node, filepath.Join(clientsDir, "mwn", "check.js"), env.URL+"/api.php", "Client User", TestPassword)
}
