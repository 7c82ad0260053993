package graphviz_test

import (
	"fmt"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext/ext/graphviz"
)

// TestMain makes the test binary a layout worker when asked, as
// cmd/folio's main does.
func TestMain(m *testing.M) {
	if os.Getenv(graphviz.WorkerEnv) == "1" {
		os.Exit(graphviz.RunWorker(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

func TestWorker(t *testing.T) {
	w := graphviz.WithWorker([]string{os.Args[0]}, 2)
	tests := []struct{ name, src, want string }{
		{"renders", "<graphviz>digraph { Left -> Right }</graphviz>", ">Right</text>"},
		{"syntax error", "<graphviz>digraph { a -> }</graphviz>", "not valid DOT: line 1"},
		{"node limit", "<graphviz>digraph { a; b; c; d; e; f }</graphviz>", "more than 5 nodes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(t, tt.src, w, graphviz.WithLimits(5, 10))
			if !strings.Contains(got, tt.want) {
				t.Errorf("Parse(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestWorkerFailure(t *testing.T) {
	for _, argv := range [][]string{{"false"}, {"/nonexistent/worker"}, {"echo", "S 99999999999"}} {
		got := parse(t, "<graphviz>digraph { a }</graphviz>", graphviz.WithWorker(argv, 1))
		if !strings.Contains(got, "mw-graphviz-error") || strings.Contains(got, "<svg") {
			t.Errorf("worker %q: got %q, want an error box", argv, got)
		}
	}
}

// TestWorkerTimeout shows that a graph that is slow to lay out is stopped
// at the time limit and does not hold up the next one.
func TestWorkerTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("slow layout")
	}
	// A random graph of this size takes Graphviz-on-Wasm tens of seconds.
	// Its own seed and size, so that no other test's cached layout answers.
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	var b strings.Builder
	b.WriteString("<graphviz>digraph {\n")
	for range 1500 {
		fmt.Fprintf(&b, "n%d -> n%d;\n", rng.Intn(400), rng.Intn(400))
	}
	b.WriteString("}</graphviz>")
	opts := []graphviz.Option{graphviz.WithWorker([]string{os.Args[0]}, 1), graphviz.WithTimeout(1 * time.Second)}
	start := time.Now()
	got := parse(t, b.String(), opts...)
	if !strings.Contains(got, "took too long") {
		t.Fatalf("slow graph: got %q, want a timeout error box", got)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the slow graph was stopped after %v, want about 2s", d)
	}
	// Graphs still render afterwards.
	got = parse(t, "<graphviz>digraph { Next }</graphviz>",
		graphviz.WithWorker([]string{os.Args[0]}, 1), graphviz.WithTimeout(30*time.Second))
	if !strings.Contains(got, ">Next</text>") {
		t.Errorf("graph after a timeout: got %q", got)
	}
}
