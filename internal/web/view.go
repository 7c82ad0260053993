package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/folio-wiki/folio"
)

// view is what the layout renders: the heading, the page's own data and
// the skin around it.
type view struct {
	// Heading is the plain text of #firstHeading; HeadingHTML, when set,
	// replaces it (a DISPLAYTITLE).
	Heading     string
	HeadingHTML template.HTML
	// Title is the page the view is about; nil for pages about nothing.
	Title *folio.Title
	// Action selects the tab: "view", "edit", "history"…
	Action string
	// Subtitle is shown in #contentSub under the heading.
	Subtitle template.HTML
	// Notices are messages shown above the content.
	Notices []notice
	// LastModified fills the footer; zero hides it.
	LastModified time.Time
	// Robots is the robots meta tag, such as "noindex,nofollow".
	Robots string
	// Canonical is the canonical URL of the page, if any.
	Canonical string
	// Data is the page template's own data.
	Data any

	// page is the stored page of Title when the handler loaded it; the skin
	// uses it for protection-aware tabs and the permanent link.
	page *folio.Page
	// revID is the revision shown, when it is not the latest (oldid=).
	revID int64
	// cacheExpiry, when positive, bounds how long the page cache may keep
	// the response (cacheexpiry.go).
	cacheExpiry time.Duration

	// Filled by render.
	Site     Site
	User     *folio.User
	Skin     skin
	MainPage string
}

// notice is a message box; Class is "error", "warning" or "success".
type notice struct {
	Class string
	Text  string
	HTML  template.HTML
	ID    string
}

// newView returns a view for the request with the given heading.
func (s *Server) newView(r *http.Request, heading string) *view {
	v := &view{Heading: heading, Action: "view"}
	if s.Wiki != nil {
		if reason := s.Wiki.ReadOnlyReason(r.Context()); reason != "" {
			v.addNotice("mw-readonly-notice warningbox", "This wiki is in read-only mode, so no changes can be saved now. Reason: "+reason)
		}
	}
	return v
}

// addNotice adds a plain-text message box to v, once.
func (v *view) addNotice(class, text string) {
	for _, n := range v.Notices {
		if n.Text == text {
			return
		}
	}
	v.Notices = append(v.Notices, notice{Class: class, Text: text})
}

// HTMLTitle is the text of the <title> element.
func (v *view) HTMLTitle() string {
	return v.Heading + " - " + v.Site.Name
}

// link is an <a> element; Class "new" marks a missing page.
type link struct {
	Href  string
	Text  string
	Title string // the tooltip
	Class string
	ID    string
}

// HTML renders the link.
func (l link) HTML() template.HTML {
	return template.HTML(l.String())
}

// String returns the link's HTML.
func (l link) String() string {
	out := `<a href="` + template.HTMLEscapeString(l.Href) + `"`
	if l.ID != "" {
		out += ` id="` + template.HTMLEscapeString(l.ID) + `"`
	}
	if l.Class != "" {
		out += ` class="` + template.HTMLEscapeString(l.Class) + `"`
	}
	if l.Title != "" {
		out += ` title="` + template.HTMLEscapeString(l.Title) + `"`
	}
	return out + ">" + template.HTMLEscapeString(l.Text) + "</a>"
}
