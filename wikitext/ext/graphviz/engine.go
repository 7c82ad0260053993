package graphviz

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"

	gv "github.com/goccy/go-graphviz"
)

// go-graphviz runs Graphviz compiled to WebAssembly on wazero. The Wasm
// module is one per process and is not safe for concurrent use, so every
// call into it goes through this package's single engine, one at a time.
// Wazero cannot interrupt a running Wasm call, so the render timeout is
// enforced by waiting: a caller gives up after its deadline while the
// layout finishes in the background and keeps the engine busy until then.
// Servers should therefore use WithWorker, whose child processes are
// killed at the deadline; the in-process engine suits tests and tools.
var engine = &wasmEngine{slot: make(chan struct{}, 1)}

type wasmEngine struct {
	slot chan struct{} // holds a token while a layout runs
	once sync.Once
	gv   *gv.Graphviz
	err  error
}

// Errors a layout can return; their messages are shown to readers.
var (
	errTimeout = errors.New("the graph took too long to lay out")
	errBusy    = errors.New("the graph renderer is busy; try again later")
)

// limits bound one layout.
type limits struct {
	maxNodes, maxEdges int
	timeout            time.Duration
}

// noFS is the file system the Wasm module sees: none. Without it a graph
// could make Graphviz read files of the server (image=, shapefile=).
type noFS struct{}

func (noFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (e *wasmEngine) init() error {
	e.once.Do(func() {
		gv.SetFileSystem(noFS{})
		e.gv, e.err = gv.New(context.Background())
	})
	return e.err
}

// render lays out dot with layout and returns the SVG Graphviz wrote.
func (e *wasmEngine) render(ctx context.Context, layout, dot string, lim limits) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, lim.timeout)
	defer cancel()
	select {
	case e.slot <- struct{}{}:
	case <-ctx.Done():
		return nil, errBusy
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-e.slot }()
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("the graph renderer failed: %v", p)}
			}
		}()
		svg, err := e.layout(layout, dot, lim)
		done <- result{svg: svg, err: err}
	}()
	select {
	case r := <-done:
		return r.svg, r.err
	case <-ctx.Done():
		return nil, errTimeout
	}
}

// layout runs in the goroutine that holds the engine.
func (e *wasmEngine) layout(layout, dot string, lim limits) ([]byte, error) {
	if err := e.init(); err != nil {
		return nil, fmt.Errorf("the graph renderer could not start: %w", err)
	}
	// The Wasm calls below take no deadline (see the comment on engine).
	ctx := context.Background()
	g, err := gv.ParseBytes([]byte(dot))
	if err != nil {
		// checkDOT passed, so this is a label Graphviz could not read.
		// Its own message may belong to an earlier graph; see checkDOT.
		return nil, errors.New("Graphviz could not read the graph; check its labels")
	}
	if g == nil {
		return nil, errors.New("the graph source holds no graph")
	}
	defer g.Close()
	if n, err := g.NodeNum(); err != nil || n > lim.maxNodes {
		return nil, fmt.Errorf("the graph has more than %d nodes", lim.maxNodes)
	}
	if n, err := g.EdgeNum(); err != nil || n > lim.maxEdges {
		return nil, fmt.Errorf("the graph has more than %d edges", lim.maxEdges)
	}
	var buf bytes.Buffer
	e.gv.SetLayout(gv.Layout(layout))
	if err := e.gv.Render(ctx, g, gv.SVG, &buf); err != nil {
		return nil, fmt.Errorf("the graph could not be laid out: %s", clean(err.Error()))
	}
	return buf.Bytes(), nil
}

// clean trims Graphviz's message to one short line.
func clean(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
