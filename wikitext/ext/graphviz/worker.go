package graphviz

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// WorkerEnv is the environment variable that turns a process into a
// layout worker: a program that supports WithWorker checks it first thing
// in main and, when it is "1", calls RunWorker and exits.
const WorkerEnv = "FOLIO_GRAPHVIZ_WORKER"

// maxWorkerOutput bounds what a worker may write back.
const maxWorkerOutput = 32 << 20

// WithWorker lays graphs out in child processes instead of in-process:
// each layout runs argv (the program itself, which calls RunWorker when
// WorkerEnv is set) with the DOT on standard input. A child that runs
// past the timeout is killed, so a graph that is slow to lay out cannot
// keep the renderer busy, and layouts run in parallel up to procs at a
// time. Without this option Wazero cannot interrupt a layout, which then
// holds the in-process engine until it ends (see engine).
func WithWorker(argv []string, procs int) Option {
	return func(e *extension) {
		if len(argv) == 0 {
			return
		}
		if procs < 1 {
			procs = 1
		}
		e.worker = &worker{argv: argv, slots: make(chan struct{}, procs)}
	}
}

type worker struct {
	argv  []string
	slots chan struct{}
}

// render runs one layout in a child process.
func (w *worker) render(ctx context.Context, layout, dot string, lim limits) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, lim.timeout)
	defer cancel()
	select {
	case w.slots <- struct{}{}:
		defer func() { <-w.slots }()
	case <-ctx.Done():
		return nil, errBusy
	}
	cmd := exec.CommandContext(ctx, w.argv[0], w.argv[1:]...)
	// The child gets no secrets: only the switch and the temporary
	// directory, where wazero keeps its compilation cache.
	cmd.Env = []string{WorkerEnv + "=1", "TMPDIR=" + os.TempDir()}
	cmd.Stdin = strings.NewReader(fmt.Sprintf("%s\n%d %d\n%s", layout, lim.maxNodes, lim.maxEdges, dot))
	var out limitedBuffer
	out.max = maxWorkerOutput
	cmd.Stdout = &out
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, errTimeout
	}
	if err != nil {
		return nil, fmt.Errorf("the graph renderer failed: %w", err)
	}
	return decodeReply(out.Bytes())
}

// decodeReply reads a worker's answer: "S" and the SVG, or "E" and a
// message for the reader.
func decodeReply(b []byte) ([]byte, error) {
	switch {
	case len(b) > 0 && b[0] == 'S':
		return b[1:], nil
	case len(b) > 0 && b[0] == 'E':
		return nil, errors.New(clean(string(b[1:])))
	}
	return nil, errors.New("the graph renderer gave no answer")
}

// RunWorker serves one layout request on stdin and writes the answer to
// stdout; it returns the exit code. Programs call it when WorkerEnv is
// "1" (see WithWorker).
func RunWorker(stdin io.Reader, stdout io.Writer) int {
	r := bufio.NewReader(io.LimitReader(stdin, 1<<20))
	layout, _ := r.ReadString('\n')
	var lim limits
	if _, err := fmt.Fscanf(r, "%d %d\n", &lim.maxNodes, &lim.maxEdges); err != nil {
		fmt.Fprint(stdout, "Ethe graph renderer got a bad request")
		return 0
	}
	dot, _ := io.ReadAll(r)
	layout = strings.TrimSpace(layout)
	if !validLayout(layout) || checkDOT(string(dot)) != nil {
		fmt.Fprint(stdout, "Ethe graph renderer got a bad request")
		return 0
	}
	svg, err := engine.layout(layout, string(dot), lim)
	if err != nil {
		fmt.Fprint(stdout, "E"+err.Error())
		return 0
	}
	_, _ = stdout.Write(append([]byte("S"), svg...))
	return 0
}

// limitedBuffer keeps at most max bytes and fails writes beyond that, so
// a misbehaving child cannot exhaust the parent's memory.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, errors.New("worker output too large")
	}
	return b.Buffer.Write(p)
}
