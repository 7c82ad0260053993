package graphviz

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// WorkerEnv is the environment variable that turns a process into a
// layout worker: a program that supports WithWorker checks it first thing
// in main and, when it is "1", calls RunWorker and exits.
const WorkerEnv = "FOLIO_GRAPHVIZ_WORKER"

const (
	// maxWorkerOutput bounds one answer of a worker.
	maxWorkerOutput = 32 << 20
	// maxWorkerUses retires a worker after that many layouts, so that
	// state left in its Wasm module cannot build up.
	maxWorkerUses = 500
)

// WithWorker lays graphs out in child processes instead of in-process:
// it starts argv (the program itself, which calls RunWorker when
// WorkerEnv is set) and sends it one graph at a time over a pipe. Up to
// procs workers run at once and are reused, since loading the Wasm module
// takes a good part of a second. A worker still busy at the time limit is
// killed and replaced, so a graph that is slow to lay out cannot hold the
// renderer. Without this option Wazero cannot interrupt a layout, which
// then holds the in-process engine until it ends (see engine).
func WithWorker(argv []string, procs int) Option {
	return func(e *extension) {
		if len(argv) == 0 {
			return
		}
		if procs < 1 {
			procs = 1
		}
		e.worker = &worker{argv: argv, slots: make(chan struct{}, procs), idle: make(chan *proc, procs)}
	}
}

// worker is a pool of layout processes.
type worker struct {
	argv  []string
	slots chan struct{} // one token per running layout
	idle  chan *proc    // started processes waiting for work
}

// proc is one worker process and its pipes.
type proc struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	uses int
}

// render lays dot out in a worker process.
func (w *worker) render(ctx context.Context, layout, dot string, lim limits) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, lim.timeout)
	defer cancel()
	select {
	case w.slots <- struct{}{}:
		defer func() { <-w.slots }()
	case <-ctx.Done():
		return nil, errBusy
	}
	p, err := w.get()
	if err != nil {
		return nil, fmt.Errorf("the graph renderer could not start: %w", err)
	}
	type reply struct {
		svg       []byte
		err       error
		transport bool // the process failed, not the graph
	}
	done := make(chan reply, 1)
	go func() {
		svg, transport, err := p.roundTrip(layout, dot, lim)
		done <- reply{svg, err, transport}
	}()
	select {
	case r := <-done:
		if r.transport {
			p.kill()
			return nil, errors.New("the graph renderer failed")
		}
		w.put(p)
		return r.svg, r.err
	case <-ctx.Done():
		p.kill()
		<-done
		return nil, errTimeout
	}
}

// get returns an idle process or starts one.
func (w *worker) get() (*proc, error) {
	select {
	case p := <-w.idle:
		return p, nil
	default:
	}
	cmd := exec.Command(w.argv[0], w.argv[1:]...)
	// The child gets no secrets: only the switch and the temporary
	// directory, where wazero keeps its compilation cache.
	cmd.Env = []string{WorkerEnv + "=1", "TMPDIR=" + os.TempDir()}
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &proc{cmd: cmd, in: in, out: bufio.NewReader(out)}, nil
}

// put keeps p for the next layout, or retires it.
func (w *worker) put(p *proc) {
	p.uses++
	if p.uses >= maxWorkerUses {
		p.stop()
		return
	}
	select {
	case w.idle <- p:
	default:
		p.stop()
	}
}

// roundTrip sends one request and reads the answer. transport is true
// when the process or the pipe failed.
func (p *proc) roundTrip(layout, dot string, lim limits) (svg []byte, transport bool, err error) {
	if _, err := fmt.Fprintf(p.in, "%s %d %d %d\n%s", layout, lim.maxNodes, lim.maxEdges, len(dot), dot); err != nil {
		return nil, true, err
	}
	kind, body, err := readFrame(p.out, maxWorkerOutput)
	if err != nil {
		return nil, true, err
	}
	switch kind {
	case "S":
		return body, false, nil
	case "E":
		return nil, false, errors.New(clean(string(body)))
	}
	return nil, true, errors.New("bad answer")
}

// stop ends an idle process: closing its input makes it exit.
func (p *proc) stop() {
	_ = p.in.Close()
	go func() { _ = p.cmd.Wait() }()
}

// kill ends a process that may be busy.
func (p *proc) kill() {
	_ = p.cmd.Process.Kill()
	_ = p.in.Close()
	_ = p.cmd.Wait()
}

// readFrame reads "KIND LENGTH\n" and LENGTH bytes.
func readFrame(r *bufio.Reader, max int) (kind string, body []byte, err error) {
	head, err := r.ReadString('\n')
	if err != nil {
		return "", nil, err
	}
	f := strings.Fields(head)
	if len(f) != 2 {
		return "", nil, errors.New("bad frame")
	}
	n, err := strconv.Atoi(f[1])
	if err != nil || n < 0 || n > max {
		return "", nil, errors.New("bad frame length")
	}
	body = make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return "", nil, err
	}
	return f[0], body, nil
}

// RunWorker serves layout requests from stdin until it closes, writing
// each answer to stdout, and returns the exit code. Programs call it when
// WorkerEnv is "1" (see WithWorker).
func RunWorker(stdin io.Reader, stdout io.Writer) int {
	r := bufio.NewReader(stdin)
	w := bufio.NewWriter(stdout)
	for {
		head, err := r.ReadString('\n')
		if err != nil {
			return 0 // the parent closed the pipe
		}
		var layout string
		var lim limits
		var n int
		if _, err := fmt.Sscanf(head, "%s %d %d %d", &layout, &lim.maxNodes, &lim.maxEdges, &n); err != nil || n < 0 || n > 1<<20 {
			return 2
		}
		dot := make([]byte, n)
		if _, err := io.ReadFull(r, dot); err != nil {
			return 2
		}
		kind, body := "S", []byte(nil)
		if !validLayout(layout) || checkDOT(string(dot)) != nil {
			kind, body = "E", []byte("the graph renderer got a bad request")
		} else if svg, err := engine.layout(layout, string(dot), lim); err != nil {
			kind, body = "E", []byte(err.Error())
		} else {
			body = svg
		}
		fmt.Fprintf(w, "%s %d\n", kind, len(body))
		_, _ = w.Write(body)
		if err := w.Flush(); err != nil {
			return 1
		}
	}
}
