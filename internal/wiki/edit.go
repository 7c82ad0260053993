package wiki

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/diff"
)

// MaxTextBytes is the largest page text accepted, MediaWiki's default
// $wgMaxArticleSize of 2048 KiB.
const MaxTextBytes = 2048 * 1024

// EditRequest is a save from an edit form or the API.
type EditRequest struct {
	Title     folio.Title
	Text      string
	Summary   string
	Minor     bool
	Bot       bool
	BaseRevID int64 // revision the editor loaded; 0 when creating
	User      *folio.User
	IP        string
}

// EditOutcome is the result of Edit. On an unresolvable conflict, Edit
// returns an EEditConflict error together with an outcome whose Conflict
// fields hold the current text, so the form can show both versions.
type EditOutcome struct {
	Result        *folio.EditResult
	Merged        bool // a concurrent change was merged in three-way
	Conflict      bool
	CurrentText   string
	CurrentRevID  int64
	SubmittedText string
}

// Edit saves a new revision. If the page changed since BaseRevID, the two
// changes are merged three-way as MediaWiki does; an overlapping change is
// reported as a conflict and nothing is saved.
func (s *Service) Edit(ctx context.Context, req EditRequest) (*EditOutcome, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	text := normalizeText(req.Text)
	if len(text) > MaxTextBytes {
		return nil, folio.Errorf(folio.EContentTooBig, "The text is %d bytes long, more than the limit of %d bytes.", len(text), MaxTextBytes)
	}
	page, err := s.findPage(ctx, req.Title)
	if err != nil {
		return nil, err
	}
	if err := s.CheckPermission(ctx, req.User, "edit", req.Title, page); err != nil {
		return nil, err
	}
	base := req.BaseRevID
	merged := false
	var pageID int64
	if page != nil {
		pageID = page.ID
	}
	cats := s.categoriesOf(ctx, pageID)
	for attempt := 0; ; attempt++ {
		res, err := s.save(ctx, req, text, base)
		if err == nil {
			s.editChanged(ctx, res)
			s.notifyWatchers(ctx, req.User, res)
			if res.Page != nil && !res.NoChange {
				s.categoriesChanged(ctx, cats, res.Page.ID)
			}
			return &EditOutcome{Result: res, Merged: merged}, nil
		}
		if folio.ErrorCode(err) != folio.EEditConflict && folio.ErrorCode(err) != folio.EArticleExists {
			return nil, err
		}
		if attempt >= 3 {
			return nil, err
		}
		out, mergedText, latest, mErr := s.merge(ctx, req, text, base)
		if mErr != nil {
			return out, mErr
		}
		text, base, merged = mergedText, latest, true
	}
}

func (s *Service) save(ctx context.Context, req EditRequest, text string, base int64) (*folio.EditResult, error) {
	actor := s.Actor(req.User, req.IP)
	text, err := s.preSave(ctx, req, text, actor)
	if err != nil {
		return nil, err
	}
	e := &folio.Edit{
		Namespace: req.Title.Namespace,
		DBKey:     req.Title.DBKey,
		Text:      text,
		Model:     folio.ModelWikitext,
		Comment:   truncateComment(req.Summary),
		Minor:     req.Minor && req.User != nil,
		Bot:       req.Bot,
		Actor:     actor,
		BaseRevID: base,
	}
	e.AutoPatrol = s.Allowed(req.User, "autopatrol")
	if s.Linker != nil {
		links, redirect, err := s.Linker.Links(ctx, req.Title, text)
		if err != nil {
			return nil, fmt.Errorf("derive links of %s: %w", req.Title.PrefixedText(), err)
		}
		e.Links, e.Redirect = links, redirect
	}
	return s.Store.SaveRevision(ctx, e)
}

// merge merges the submitted text with the page's current text against the
// base revision. It returns the merged text and the revision it now builds on.
func (s *Service) merge(ctx context.Context, req EditRequest, text string, base int64) (*EditOutcome, string, int64, error) {
	page, err := s.Store.FindPageByTitle(ctx, req.Title.Namespace, req.Title.DBKey)
	if err != nil {
		return nil, "", 0, fmt.Errorf("reload page after conflict: %w", err)
	}
	cur, err := s.Store.FindRevisionByID(ctx, page.Latest)
	if err != nil {
		return nil, "", 0, fmt.Errorf("load current revision: %w", err)
	}
	conflict := &EditOutcome{Conflict: true, CurrentText: cur.Text, CurrentRevID: cur.ID, SubmittedText: text}
	conflictErr := folio.Errorf(folio.EEditConflict, "Someone else changed this page since you started editing it.")
	baseText := ""
	if base > 0 {
		b, err := s.Store.FindRevisionByID(ctx, base)
		if err != nil {
			return conflict, "", 0, conflictErr
		}
		baseText = b.Text
	} else if cur.Text != text {
		// Both created the page: only identical texts are compatible.
		return conflict, "", 0, conflictErr
	}
	mergedText, ok := diff.Merge3(baseText, cur.Text, text)
	if !ok {
		return conflict, "", 0, conflictErr
	}
	return nil, mergedText, cur.ID, nil
}

func (s *Service) findPage(ctx context.Context, t folio.Title) (*folio.Page, error) {
	p, err := s.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
	if folio.ErrorCode(err) == folio.EMissingTitle {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("find page %s: %w", t.PrefixedText(), err)
	}
	return p, nil
}

// normalizeText applies what MediaWiki does to submitted text: Windows line
// ends become \n and trailing whitespace is removed.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimRight(s, " \t\n")
}

// truncateComment cuts a summary to MediaWiki's 500-character limit.
func truncateComment(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
	if r := []rune(s); len(r) > 500 {
		return string(r[:500])
	}
	return s
}

// IsConflict reports whether err is an edit conflict.
func IsConflict(err error) bool {
	var fe *folio.Error
	return errors.As(err, &fe) && fe.Code == folio.EEditConflict
}
