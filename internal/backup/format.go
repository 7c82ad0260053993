package backup

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"strconv"
)

// A table file is gzip-compressed JSON lines: a header object
// {"table":…,"columns":[…]} and then one array per row. Integers and
// floats are numbers, text is a string, other bytes are {"b":"base64"}.

type tableHeader struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
}

type binaryValue struct {
	B string `json:"b"`
}

// tableWriter writes one table file and counts what it wrote.
type tableWriter struct {
	f    *os.File
	sum  hash.Hash
	cnt  *countWriter
	gz   *gzip.Writer
	buf  *bufio.Writer
	enc  *json.Encoder
	rows int64
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func createTable(path string, h tableHeader) (*tableWriter, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return nil, err
	}
	tw := &tableWriter{f: f, sum: sha256.New()}
	tw.cnt = &countWriter{w: io.MultiWriter(f, tw.sum)}
	tw.gz, _ = gzip.NewWriterLevel(tw.cnt, gzip.BestSpeed)
	tw.buf = bufio.NewWriterSize(tw.gz, 256<<10)
	tw.enc = json.NewEncoder(tw.buf)
	tw.enc.SetEscapeHTML(false)
	if err := tw.enc.Encode(h); err != nil {
		f.Close()
		return nil, err
	}
	return tw, nil
}

func (tw *tableWriter) write(row []any) error {
	for i, v := range row {
		if b, ok := v.([]byte); ok {
			row[i] = binaryValue{B: base64.StdEncoding.EncodeToString(b)}
		}
	}
	tw.rows++
	return tw.enc.Encode(row)
}

// close flushes and syncs the file and returns its size and checksum.
func (tw *tableWriter) close() (int64, string, error) {
	err := tw.buf.Flush()
	if err == nil {
		err = tw.gz.Close()
	}
	if err == nil {
		err = tw.f.Sync()
	}
	if cerr := tw.f.Close(); err == nil {
		err = cerr
	}
	return tw.cnt.n, hex.EncodeToString(tw.sum.Sum(nil)), err
}

// tableReader reads a table file and checks it against its manifest
// entry once the last row was read.
type tableReader struct {
	f      *os.File
	sum    hash.Hash
	src    io.Reader
	gz     *gzip.Reader
	dec    *json.Decoder
	header tableHeader
	want   TableFile
	rows   int64
}

func openTable(dir string, want TableFile) (*tableReader, error) {
	f, err := os.Open(dir + "/" + want.File)
	if err != nil {
		return nil, err
	}
	tr := &tableReader{f: f, sum: sha256.New(), want: want}
	tr.src = io.TeeReader(f, tr.sum)
	tr.gz, err = gzip.NewReader(bufio.NewReaderSize(tr.src, 256<<10))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", want.File, err)
	}
	tr.dec = json.NewDecoder(tr.gz)
	tr.dec.UseNumber()
	if err := tr.dec.Decode(&tr.header); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: read header: %w", want.File, err)
	}
	return tr, nil
}

// next returns the next row, or io.EOF after the last one once the file's
// checksum and row count match the manifest.
func (tr *tableReader) next() ([]any, error) {
	var raw []any
	err := tr.dec.Decode(&raw)
	if errors.Is(err, io.EOF) {
		return nil, tr.finish()
	} else if err != nil {
		return nil, fmt.Errorf("%s: row %d: %w", tr.want.File, tr.rows+1, err)
	}
	if len(raw) != len(tr.header.Columns) {
		return nil, fmt.Errorf("%s: row %d has %d values for %d columns", tr.want.File, tr.rows+1, len(raw), len(tr.header.Columns))
	}
	tr.rows++
	for i, v := range raw {
		if raw[i], err = decodeValue(v); err != nil {
			return nil, fmt.Errorf("%s: row %d: %w", tr.want.File, tr.rows, err)
		}
	}
	return raw, nil
}

func (tr *tableReader) finish() error {
	if _, err := io.Copy(io.Discard, tr.src); err != nil {
		return fmt.Errorf("%s: %w", tr.want.File, err)
	}
	if got := hex.EncodeToString(tr.sum.Sum(nil)); got != tr.want.SHA256 {
		return fmt.Errorf("%s: checksum %s, manifest says %s", tr.want.File, got, tr.want.SHA256)
	}
	if tr.rows != tr.want.Rows {
		return fmt.Errorf("%s: %d rows, manifest says %d", tr.want.File, tr.rows, tr.want.Rows)
	}
	return io.EOF
}

func (tr *tableReader) close() error { return tr.f.Close() }

func decodeValue(v any) (any, error) {
	switch x := v.(type) {
	case json.Number:
		if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return n, nil
		}
		return x.Float64()
	case map[string]any:
		s, _ := x["b"].(string)
		return base64.StdEncoding.DecodeString(s)
	}
	return v, nil
}
