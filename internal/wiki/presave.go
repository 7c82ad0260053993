package wiki

import (
	"context"
	"fmt"

	"github.com/folio-wiki/folio"
)

// PreSaver applies the pre-save transform to text about to be saved:
// {{subst:…}} expansion, signatures (~~~~) and the pipe trick. prefs are
// the author's user options (nickname, fancysig); nil for an anonymous
// author.
type PreSaver interface {
	PreSaveTransform(ctx context.Context, t folio.Title, text string, author folio.Actor, prefs map[string]string) (string, error)
}

// preSave runs the pre-save transform of an edit, if one is set, and
// checks the size of the result.
func (s *Service) preSave(ctx context.Context, req EditRequest, text string, author folio.Actor) (string, error) {
	if s.PreSaver == nil {
		return text, nil
	}
	var prefs map[string]string
	if req.User != nil {
		if st, ok := s.Store.(folio.UserOptionStore); ok {
			p, err := st.FindUserOptions(ctx, req.User.ID)
			if err != nil {
				return "", fmt.Errorf("load signature preferences: %w", err)
			}
			prefs = p
		}
	}
	out, err := s.PreSaver.PreSaveTransform(ctx, req.Title, text, author, prefs)
	if err != nil {
		return "", err
	}
	if len(out) > MaxTextBytes {
		return "", folio.Errorf(folio.EContentTooBig, "After expanding substitutions the text is %d bytes long, more than the limit of %d bytes.", len(out), MaxTextBytes)
	}
	return out, nil
}

// PreSaveTransform applies the pre-save transform to text as an edit of
// page t by u (nil for an anonymous editor at ip) would, without saving;
// the API's parse uses it for pst and onlypst. Without a PreSaver the
// text is returned unchanged.
func (s *Service) PreSaveTransform(ctx context.Context, t folio.Title, text string, u *folio.User, ip string) (string, error) {
	req := EditRequest{Title: t, User: u, IP: ip}
	return s.preSave(ctx, req, normalizeText(text), s.Actor(u, ip))
}
