package web

import (
	"net/http"
	"strings"

	"github.com/folio-wiki/folio"
)

// blockListScan is how many blocks Special:BlockList reads at most; the
// list shows the active ones among them.
const blockListScan = 5000

// blockListData is what templates/special_blocklist.html shows.
type blockListData struct {
	FormTitle string
	Target    string
	Rows      []blockRow
	// CanBlock shows the unblock and change links (right block).
	CanBlock bool
}

// blockRow is one active block.
type blockRow struct {
	Block      *folio.Block
	Target     folio.Actor
	By         folio.Actor
	Expiry     string
	UnblockURL string
	ChangeURL  string
}

// handleBlockList serves Special:BlockList[/User]: the blocks in force,
// newest first, with their target, expiry, reason and blocker, optionally
// only those of one user (wpTarget). Viewers with the block right get
// links to lift or change each block.
func (s *Server) handleBlockList(w http.ResponseWriter, r *http.Request) {
	d := blockListData{FormTitle: "Special:BlockList", Target: strings.TrimSpace(r.FormValue("wpTarget")),
		CanBlock: s.Wiki.Allowed(s.currentUser(r), "block")}
	if d.Target == "" {
		d.Target = specialSubpage(r)
	}
	want := ""
	if d.Target != "" {
		t, err := s.Namespaces.ParseTitle(d.Target, folio.NSUser)
		if err != nil || t.Namespace != folio.NSUser {
			s.writeError(w, r, folio.Errorf(folio.EInvalidParameter, "%q is not a valid user name.", d.Target))
			return
		}
		want = t.Text()
	}
	st, ok := s.Store.(folio.BlockStore)
	if ok {
		blocks, err := st.FindBlocks(r.Context(), blockListScan)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		now := s.now()
		for _, b := range blocks {
			if !b.Active(now) || (want != "" && b.Target != want) {
				continue
			}
			d.Rows = append(d.Rows, blockRow{Block: b, Target: folio.Actor{UserID: b.UserID, Name: b.Target},
				// Blockers are registered users; the id only marks that.
				By: folio.Actor{Name: b.By, UserID: 1}, Expiry: formatExpiry(b.Expiry),
				UnblockURL: s.specialURL("Unblock/" + b.Target), ChangeURL: s.specialURL("Block/" + b.Target)})
		}
	}
	v := s.newView(r, "Blocked users")
	t := s.specialTitle("BlockList")
	v.Title, v.Data = &t, d
	s.render(w, r, http.StatusOK, "special_blocklist", v)
}
