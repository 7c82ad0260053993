package wiki

import (
	"context"
	"fmt"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mail"
)

// Actions on an account request.
const (
	RequestAccept = "accept"
	RequestReject = "reject"
	RequestHold   = "hold"
)

// AccountRequests lists the requests in status for admin, who needs the
// confirmaccount right.
func (s *Service) AccountRequests(ctx context.Context, admin *folio.User, status string, limit int) ([]*folio.AccountRequest, error) {
	if err := s.checkConfirmAccount(admin); err != nil {
		return nil, err
	}
	st, err := s.accountRequests()
	if err != nil {
		return nil, err
	}
	return st.FindAccountRequests(ctx, folio.AccountRequestFilter{Status: &status, Limit: limit})
}

// AccountRequest returns one request for admin.
func (s *Service) AccountRequest(ctx context.Context, admin *folio.User, id int64) (*folio.AccountRequest, error) {
	if err := s.checkConfirmAccount(admin); err != nil {
		return nil, err
	}
	st, err := s.accountRequests()
	if err != nil {
		return nil, err
	}
	return st.FindAccountRequestByID(ctx, id)
}

// PendingMail lists account mail that has not gone out yet, for admin
// (right confirmaccount); nil without a mail queue.
func (s *Service) PendingMail(admin *folio.User) ([]*mail.Entry, error) {
	if err := s.checkConfirmAccount(admin); err != nil {
		return nil, err
	}
	if s.Accounts.MailQueue == nil {
		return nil, nil
	}
	return s.Accounts.MailQueue.Pending()
}

func (s *Service) checkConfirmAccount(u *folio.User) error {
	if !s.Allowed(u, "confirmaccount") {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to handle account requests: the \"confirmaccount\" right is needed.")
	}
	return nil
}

// HandleAccountRequest accepts, rejects or holds request id as admin.
// Accepting creates the account and mails a temporary password;
// rejecting (a reason is required) and holding mail the reason. Every
// action is logged.
func (s *Service) HandleAccountRequest(ctx context.Context, admin *folio.User, id int64, action, reason string) (*folio.AccountRequest, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	r, err := s.AccountRequest(ctx, admin, id)
	if err != nil {
		return nil, err
	}
	if s.Accounts.Mailer == nil {
		return nil, folio.Errorf(folio.EPermissionDenied, "This wiki cannot send mail, so requests cannot be answered.")
	}
	reason = strings.TrimSpace(reason)
	if r.Status != folio.RequestOpen && !(r.Status == folio.RequestHeld && action != RequestHold) {
		return nil, folio.Errorf(folio.EInvalidParameter, "This request is %s and cannot be handled now.", r.Status)
	}
	var status, body string
	switch action {
	case RequestAccept:
		status = folio.RequestAccepted
		if body, err = s.acceptRequest(ctx, r); err != nil {
			return nil, err
		}
	case RequestReject:
		if reason == "" {
			return nil, folio.Errorf(folio.EInvalidParameter, "Give a reason for the rejection; it is mailed to the requester.")
		}
		status = folio.RequestRejected
		body = fmt.Sprintf("Hello %s,\n\nyour request for the account %q on %s was declined.\n\nReason: %s\n",
			r.RealName, r.Name, s.Accounts.SiteName, reason)
	case RequestHold:
		status = folio.RequestHeld
		body = fmt.Sprintf("Hello %s,\n\nyour request for the account %q on %s is on hold.\n\nNote from the administrators: %s\n",
			r.RealName, r.Name, s.Accounts.SiteName, reason)
	default:
		return nil, folio.Errorf(folio.EInvalidParameter, "Unknown action %q.", action)
	}
	return s.finishRequest(ctx, admin, r, status, action, reason, body)
}

// finishRequest records the new status, logs the action and mails body.
func (s *Service) finishRequest(ctx context.Context, admin *folio.User, r *folio.AccountRequest, status, action, reason, body string) (*folio.AccountRequest, error) {
	st, err := s.accountRequests()
	if err != nil {
		return nil, err
	}
	nr, err := st.UpdateAccountRequest(ctx, r.ID, folio.AccountRequestUpdate{Status: &status, Reason: &reason, HandledBy: &admin.Name})
	if err != nil {
		return nil, err
	}
	le := &folio.LogEntry{Type: "accountrequest", Action: action, Actor: s.Actor(admin, ""),
		Namespace: folio.NSUser, DBKey: strings.ReplaceAll(r.Name, " ", "_"), Comment: reason}
	if err := s.Store.CreateLogEntry(ctx, le); err != nil {
		return nil, fmt.Errorf("log account request %s: %w", action, err)
	}
	s.Logger.Info("account request handled", "request", r.ID, "action", action, "user_id", admin.ID)
	return nr, s.sendMail(ctx, r.Email, "your account request", body)
}

// acceptRequest creates the account of r with a temporary password and
// returns the mail that tells it.
func (s *Service) acceptRequest(ctx context.Context, r *folio.AccountRequest) (string, error) {
	u := &folio.User{Name: r.Name, RealName: r.RealName, Email: r.Email,
		EmailAuthenticated: r.EmailAuthenticated, Registration: s.now()}
	if err := s.Store.CreateUser(ctx, u); err != nil {
		return "", fmt.Errorf("create user %s: %w", r.Name, err)
	}
	pw, err := s.SetTemporaryPassword(ctx, u)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(`Hello %s,

your request for an account on %s was approved.

Username: %s
Temporary password: %s

Log in at %s/index.php?title=Special:UserLogin within %d days; you will then
be asked to choose your own password.
`, r.RealName, s.Accounts.SiteName, u.Name, pw, s.Accounts.Server, int(TemporaryPasswordLifetime.Hours()/24)), nil
}
