package session

import (
	"context"
	"crypto/subtle"
	"fmt"

	"github.com/folio-wiki/folio"
)

// BotPasswordKey is the session data key naming the bot password a
// session logged in with ("User@bot" logins); its grants limit the
// session's rights.
const BotPasswordKey = "botpassword"

// botTokenKey holds the bot password's token at login; a reset changes
// the token and so ends the session.
const botTokenKey = "botpasswordtoken"

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
	if subtle.ConstantTimeCompare([]byte(bp.Token), []byte(sess.Data[botTokenKey])) != 1 {
		return nil, nil // the password was reset since the login
	}
	u.Grants = bp.Grants
	return u, nil
}

// MarkBotPassword records in the request's session that it logged in with
// the bot password app (one without a token), and limits st.User to
// grants; see MarkBotLogin.
func (m *Manager) MarkBotPassword(ctx context.Context, st *State, app string, grants []string) error {
	return m.MarkBotLogin(ctx, st, &folio.BotPassword{AppID: app, Grants: grants})
}

// MarkBotLogin records in the request's session that it logged in with
// bot password bp (its name and token), and limits st.User to its grants.
func (m *Manager) MarkBotLogin(ctx context.Context, st *State, bp *folio.BotPassword) error {
	if st.Session == nil {
		return fmt.Errorf("mark bot password: no session")
	}
	if st.Session.Data == nil {
		st.Session.Data = map[string]string{}
	}
	st.Session.Data[BotPasswordKey] = bp.AppID
	st.Session.Data[botTokenKey] = bp.Token
	if err := m.sessions().UpdateSession(ctx, st.Session); err != nil {
		return fmt.Errorf("store bot password of session: %w", err)
	}
	if st.User != nil {
		st.User.Grants = bp.Grants
	}
	return nil
}
