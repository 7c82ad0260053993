package session

import (
	"context"
	"fmt"

	"github.com/folio-wiki/folio"
)

// BotPasswordKey is the session data key naming the bot password a
// session logged in with ("User@bot" logins); its grants limit the
// session's rights.
const BotPasswordKey = "botpassword"

// applyBotPassword limits u to the grants of the session's bot password.
// A bot password deleted since the login ends the login: nil is returned.
func (m *Manager) applyBotPassword(ctx context.Context, sess *folio.Session, u *folio.User) (*folio.User, error) {
	app := sess.Data[BotPasswordKey]
	if app == "" {
		return u, nil
	}
	st, ok := m.Store.(folio.BotPasswordStore)
	if !ok {
		return nil, nil
	}
	bp, err := st.FindBotPassword(ctx, u.ID, app)
	if folio.ErrorCode(err) == folio.ENoSuchBotPassword {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("load bot password of session: %w", err)
	}
	u.Grants = bp.Grants
	return u, nil
}

// MarkBotPassword records in the request's session that it logged in with
// bot password app, and limits st.User to grants.
func (m *Manager) MarkBotPassword(ctx context.Context, st *State, app string, grants []string) error {
	if st.Session == nil {
		return fmt.Errorf("mark bot password: no session")
	}
	if st.Session.Data == nil {
		st.Session.Data = map[string]string{}
	}
	st.Session.Data[BotPasswordKey] = app
	if err := m.sessions().UpdateSession(ctx, st.Session); err != nil {
		return fmt.Errorf("store bot password of session: %w", err)
	}
	if st.User != nil {
		st.User.Grants = grants
	}
	return nil
}
