package web

import (
	"context"
	"net/http"
	"time"

	"github.com/folio-wiki/folio"
)

// infoData is what templates/info.html shows.
type infoData struct {
	Page        *folio.Page
	Title       folio.Title
	First       *folio.Revision
	Last        *folio.Revision
	Edits       int
	Protections []protectionRow
}

// protectionRow is one action's protection in page information.
type protectionRow struct {
	Type   string
	Level  string // "" when not protected
	Expiry time.Time
}

// maxCountedEdits caps the edit count of page information.
const maxCountedEdits = 50000

// handleInfo shows facts about a page (action=info).
func (s *Server) handleInfo(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := requestTitle(r)
	p, last, err := s.latest(ctx, t)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d := &infoData{Page: p, Title: t, Last: last}
	if d.First, d.Edits, err = s.editStats(ctx, p); err != nil {
		s.writeError(w, r, err)
		return
	}
	now := s.now()
	for _, typ := range []string{"edit", "move"} {
		row := protectionRow{Type: typ, Level: p.ProtectionLevel(typ, now)}
		for _, pr := range p.Protections {
			if pr.Type == typ && pr.Level == row.Level {
				row.Expiry = pr.Expiry
			}
		}
		d.Protections = append(d.Protections, row)
	}
	v := s.newView(r, "Information for \""+t.PrefixedText()+"\"")
	v.Title, v.page, v.Action, v.Robots, v.Data = &t, p, "info", "noindex,nofollow", d
	s.render(w, r, http.StatusOK, "info", v)
}

// editStats returns the first revision of p and its number of revisions.
func (s *Server) editStats(ctx context.Context, p *folio.Page) (*folio.Revision, int, error) {
	pid := p.ID
	var first *folio.Revision
	n, after := 0, int64(0)
	for n < maxCountedEdits {
		revs, err := s.Store.FindRevisions(ctx, folio.RevisionFilter{PageID: &pid, After: after, Reverse: true, Limit: 500})
		if err != nil {
			return nil, 0, err
		}
		if len(revs) == 0 {
			break
		}
		if first == nil {
			first = revs[0]
		}
		n += len(revs)
		after = revs[len(revs)-1].ID
	}
	return first, n, nil
}
