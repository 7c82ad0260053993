package wikitext

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// PSTOptions are the inputs of the pre-save transform.
type PSTOptions struct {
	Title Title // the page being saved
	Host  Host  // required
	// User is the author's name, or the IP address of an anonymous editor.
	User string
	// Registered is true for an account, false for an anonymous editor.
	Registered bool
	// Nickname is the author's signature preference; empty means the
	// user name. With FancySig it is wikitext used as it is (after
	// checking that its HTML is balanced), otherwise plain text.
	Nickname string
	FancySig bool
	// Timestamp is the time of the signatures; zero means Host.Now.
	Timestamp time.Time
}

// PSTResult is the outcome of a pre-save transform.
type PSTResult struct {
	Text string
	// Signature reports that the text had signatures (~~~), which makes
	// its rendering depend on the author and time (the "user-signature"
	// ParserOutput flag).
	Signature bool
}

// MaxSigChars is the longest nickname accepted in a signature
// (MediaWiki's $wgMaxSigChars).
const MaxSigChars = 255

// PreSaveTransform applies MediaWiki's pre-save transform to text about to
// be saved and returns the text to store; see PreSave.
func (p *Parser) PreSaveTransform(ctx context.Context, text string, opts PSTOptions) (string, error) {
	res, err := p.PreSave(ctx, text, opts)
	return res.Text, err
}

// PreSave applies the pre-save transform: {{subst:…}} and {{safesubst:…}}
// calls are expanded (other templates stay as written), signatures
// (~~~ name, ~~~~ name and date, ~~~~~ date) are replaced, the pipe trick
// ([[Foo (bar)|]], [[|Foo]]) is filled in, line ends are normalised and
// trailing whitespace is removed. Comments, <nowiki>, <pre> and other
// extension tags are left untouched; <includeonly> sections keep their
// text but their subst: calls are not expanded, as in MediaWiki.
func (p *Parser) PreSave(ctx context.Context, text string, opts PSTOptions) (PSTResult, error) {
	if opts.Host == nil {
		return PSTResult{}, errors.New("wikitext: PSTOptions.Host is nil")
	}
	text = strings.ReplaceAll(text, "\x00", "")
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	exp, pc := p.newParse(ctx, ParseOptions{Title: opts.Title, Host: opts.Host})
	exp.PreSave = true
	text = exp.ExpandPage(text)
	var res PSTResult
	if strings.Contains(text, "~~~") {
		res.Signature = true
		text = p.signatures(opts).Replace(text)
	}
	text = pipeTrick(text, opts.Title)
	text = pc.Strip.UnstripBoth(text)
	res.Text = strings.TrimRight(text, " \t\n\r\x00\x0b")
	if err := ctx.Err(); err != nil {
		return PSTResult{}, err
	}
	if err := exp.Err(); err != nil {
		return res, fmt.Errorf("pre-save transform: %w", err)
	}
	return res, nil
}

// signatures returns the replacer of the three signature forms. Longer
// forms come first, so "~~~~~" is never read as "~~~~" plus "~".
func (p *Parser) signatures(opts PSTOptions) *strings.Replacer {
	ts := opts.Timestamp
	if ts.IsZero() {
		ts = opts.Host.Now()
	}
	date := ts.UTC().Format("15:04, 2 January 2006") + " (UTC)"
	sig := userSig(opts)
	return strings.NewReplacer("~~~~~", date, "~~~~", sig+" "+date, "~~~", sig)
}

// userSig returns the signature of the author: the fancy nickname when it
// is valid, else links to the user page and talk page (or to the
// contributions of an IP address).
func userSig(opts PSTOptions) string {
	nick := opts.Nickname
	switch {
	case nick == "" || utf8.RuneCountInString(nick) > MaxSigChars:
		nick = opts.User
	case opts.FancySig && opts.Registered:
		if validSig(nick) {
			return cleanSigInSig(nick)
		}
		nick = opts.User
	}
	nick = cleanSigInSig(nick)
	site := opts.Host.SiteInfo()
	nsName := func(ns int, def string) string {
		if n := site.Namespaces[ns]; n != "" {
			return strings.ReplaceAll(n, "_", " ")
		}
		return def
	}
	user, nickText := escapeWiki(opts.User), escapeWiki(nick)
	if !opts.Registered {
		return "[[" + nsName(-1, "Special") + ":Contributions/" + user + "|" + nickText + "]]"
	}
	return "[[" + nsName(2, "User") + ":" + user + "|" + nickText + "]] ([[" +
		nsName(3, "User talk") + ":" + user + "|talk]])"
}

var tildeRuns = regexp.MustCompile(`~{3,5}`)

// cleanSigInSig removes signature tildes from a nickname, so a signature
// cannot contain another one.
func cleanSigInSig(s string) string { return tildeRuns.ReplaceAllString(s, "") }

// validSig reports whether a fancy signature is a well-formed fragment:
// every tag it opens is closed.
func validSig(s string) bool {
	d := xml.NewDecoder(strings.NewReader("<sig>" + s + "</sig>"))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}
