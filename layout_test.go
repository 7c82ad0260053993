package folio_test

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/folio-wiki/folio"

// goPackage is the part of `go list -json` output the layout rules need.
type goPackage struct {
	ImportPath string
	Imports    []string
}

func listPackages(t *testing.T) []goPackage {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", "./...").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []goPackage
	for {
		var p goPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// TestImportRules enforces the dependency rules of STYLE.md §1: the domain
// imports no project package, wikitext stands alone, adapters know only the
// domain and sqldb, and feature packages never import an adapter.
func TestImportRules(t *testing.T) {
	adapters := []string{"internal/sqldb", "internal/sqlite", "internal/postgres", "internal/mysql",
		"internal/redis", "internal/s3", "internal/localfs", "internal/inmem", "internal/memcached"}
	isAdapter := func(p string) bool {
		for _, a := range adapters {
			if p == module+"/"+a {
				return true
			}
		}
		return false
	}
	for _, p := range listPackages(t) {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			irel := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			switch {
			case rel == "":
				t.Errorf("root package imports %s", imp)
			case strings.HasPrefix(rel, "wikitext") && !strings.HasPrefix(irel, "wikitext"):
				t.Errorf("%s imports %s: wikitext must stand alone", rel, imp)
			case isAdapter(p.ImportPath) && irel != "" && irel != "internal/sqldb":
				t.Errorf("adapter %s imports %s: adapters may import only the root and sqldb", rel, imp)
			case !isAdapter(p.ImportPath) && !strings.HasPrefix(rel, "cmd/") && !strings.HasSuffix(rel, "test") && isAdapter(imp):
				t.Errorf("%s imports adapter %s: only cmd/folio and test suites wire adapters", rel, imp)
			}
		}
	}
}
