package sqldb

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/folio-wiki/folio"
)

// EnsureActor returns the actor named a.Name, creating it when missing.
func (db *DB) EnsureActor(ctx context.Context, a folio.Actor) (folio.Actor, error) {
	var out folio.Actor
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		out, err = ensureActor(ctx, tx, a)
		return err
	})
	return out, err
}

// ensureActor finds or creates the actor row for a user or IP name. An
// actor with only an ID is looked up by that ID.
func ensureActor(ctx context.Context, tx *Tx, a folio.Actor) (folio.Actor, error) {
	if a.Name == "" && a.ID > 0 {
		return findActor(ctx, tx, `actor_id = ?`, a.ID)
	} else if a.Name == "" {
		return a, folio.Errorf(folio.EInvalidParameter, "An actor needs a name.")
	}
	found, err := findActor(ctx, tx, `actor_name = ?`, a.Name)
	if err == nil || !notFound(err) {
		return found, err
	}
	if _, err := tx.exec(ctx, tx.db.Dialect.InsertIgnore("actor", "actor_user, actor_name"),
		nullInt(a.UserID), a.Name); err != nil {
		return a, fmt.Errorf("insert actor %q: %w", a.Name, err)
	}
	return findActor(ctx, tx, `actor_name = ?`, a.Name)
}

func findActor(ctx context.Context, tx *Tx, cond string, arg any) (folio.Actor, error) {
	var a folio.Actor
	err := tx.queryRow(ctx, `SELECT actor_id, COALESCE(actor_user, 0), actor_name FROM actor
		WHERE `+cond, arg).Scan(&a.ID, &a.UserID, &a.Name)
	if err != nil && !notFound(err) {
		return a, fmt.Errorf("find actor: %w", err)
	}
	return a, err
}

// CreateUser adds an account with its actor and groups and sets u.ID. A
// taken name gives EUserExists.
func (db *DB) CreateUser(ctx context.Context, u *folio.User) error {
	var id int64
	var reg time.Time
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		id, reg, err = createUser(ctx, tx, u)
		return err
	})
	if err == nil {
		u.ID, u.Registration = id, reg
	}
	return err
}

func createUser(ctx context.Context, tx *Tx, u *folio.User) (int64, time.Time, error) {
	reg := u.Registration
	if reg.IsZero() {
		reg = tx.Now
	}
	id, err := tx.insertID(ctx, `INSERT INTO "user" (user_name, user_real_name, user_password,
		user_email, user_email_authenticated, user_registration, user_editcount, user_touched,
		user_password_expires)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, "user_id", u.Name, u.RealName, u.PasswordHash, u.Email,
		nullTS(u.EmailAuthenticated), ts(reg), u.EditCount, ts(tx.Now), nullTS(u.PasswordExpires))
	if tx.isUnique(err) {
		return 0, reg, folio.Errorf(folio.EUserExists, "The user name %q is already taken.", u.Name)
	} else if err != nil {
		return 0, reg, fmt.Errorf("insert user %q: %w", u.Name, err)
	}
	a, err := ensureActor(ctx, tx, folio.Actor{UserID: id, Name: u.Name})
	if err != nil {
		return 0, reg, err
	}
	if a.UserID != id {
		if _, err := tx.exec(ctx, `UPDATE actor SET actor_user = ? WHERE actor_id = ?`, id, a.ID); err != nil {
			return 0, reg, fmt.Errorf("attach actor to user: %w", err)
		}
	}
	if err := setGroups(ctx, tx, id, u.Groups); err != nil {
		return 0, reg, err
	}
	return id, reg, updateStats(ctx, tx, statsDelta{users: 1})
}

// setGroups replaces the explicit groups of a user.
func setGroups(ctx context.Context, tx *Tx, userID int64, groups []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM user_groups WHERE ug_user = ?`, userID); err != nil {
		return fmt.Errorf("clear groups: %w", err)
	}
	seen := map[string]bool{}
	var rows [][]any
	for _, g := range groups {
		if !seen[g] {
			seen[g] = true
			rows = append(rows, []any{userID, g})
		}
	}
	return tx.insertRows(ctx, "user_groups", "ug_user, ug_group", rows)
}

const userCols = `user_id, user_name, user_real_name, user_password, user_email,
	user_email_authenticated, user_registration, user_editcount, user_password_expires,
	user_newpassword, user_newpass_time`

// FindUserByID returns a user with groups, or ENoSuchUser.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*folio.User, error) {
	return db.findUser(ctx, `user_id = ?`, id, fmt.Sprintf("#%d", id))
}

// FindUserByName returns a user with groups, or ENoSuchUser.
func (db *DB) FindUserByName(ctx context.Context, name string) (*folio.User, error) {
	return db.findUser(ctx, `user_name = ?`, name, name)
}

func (db *DB) findUser(ctx context.Context, cond string, arg any, label string) (*folio.User, error) {
	var u *folio.User
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		u, err = findUser(ctx, tx, cond, arg)
		if notFound(err) {
			return folio.Errorf(folio.ENoSuchUser, "The user %s does not exist.", label)
		}
		return err
	})
	return u, err
}

func findUser(ctx context.Context, tx *Tx, cond string, arg any) (*folio.User, error) {
	us, err := queryUsers(ctx, tx, `SELECT `+userCols+` FROM "user" WHERE `+cond, arg)
	if err != nil {
		return nil, err
	} else if len(us) == 0 {
		return nil, errNoRows
	}
	return us[0], nil
}

func queryUsers(ctx context.Context, tx *Tx, q string, args ...any) ([]*folio.User, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	defer rows.Close()
	var out []*folio.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	rows.Close()
	for _, u := range out {
		if u.Groups, err = findGroups(ctx, tx, u.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanUser(s scanner) (*folio.User, error) {
	var u folio.User
	var auth, expires, newTime *string
	var reg string
	if err := s.Scan(&u.ID, &u.Name, &u.RealName, &u.PasswordHash, &u.Email, &auth, &reg,
		&u.EditCount, &expires, &u.NewPasswordHash, &newTime); err != nil {
		return nil, fmt.Errorf("scan user: %w", err)
	}
	var err error
	if u.Registration, err = parseTS(reg); err != nil {
		return nil, err
	}
	if u.EmailAuthenticated, err = parseNullTS(auth); err != nil {
		return nil, err
	}
	if u.PasswordExpires, err = parseNullTS(expires); err != nil {
		return nil, err
	}
	if u.NewPasswordTime, err = parseNullTS(newTime); err != nil {
		return nil, err
	}
	return &u, nil
}

// parseNullTS parses a nullable timestamp column; NULL and "" give nil.
func parseNullTS(s *string) (*time.Time, error) {
	if s == nil || *s == "" {
		return nil, nil
	}
	t, err := parseTS(*s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// nullTS is the column value of an optional time.
func nullTS(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := ts(*t)
	return &s
}

func findGroups(ctx context.Context, tx *Tx, userID int64) ([]string, error) {
	rows, err := tx.query(ctx, `SELECT ug_group FROM user_groups WHERE ug_user = ?`, userID)
	if err != nil {
		return nil, fmt.Errorf("find groups: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			return nil, fmt.Errorf("scan group: %w", err)
		}
		out = append(out, g)
	}
	sort.Strings(out)
	return out, rows.Err()
}

// FindUsers lists users ordered by name.
func (db *DB) FindUsers(ctx context.Context, f folio.UserFilter) ([]*folio.User, error) {
	var conds []string
	var args []any
	if f.From != "" {
		conds, args = append(conds, `user_name >= ?`), append(args, f.From)
	}
	if f.Group != nil {
		conds = append(conds, `user_id IN (SELECT ug_user FROM user_groups WHERE ug_group = ?)`)
		args = append(args, *f.Group)
	}
	if f.Email != nil {
		conds, args = append(conds, `user_email = ?`), append(args, *f.Email)
	}
	q := `SELECT ` + userCols + ` FROM "user"` + where(conds) +
		fmt.Sprintf(` ORDER BY user_name LIMIT %d`, limit(f.Limit, 50))
	var out []*folio.User
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryUsers(ctx, tx, q, args...)
		return err
	})
	return out, err
}

// UpdateUser changes the fields set in upd and returns the updated user.
func (db *DB) UpdateUser(ctx context.Context, id int64, upd folio.UserUpdate) (*folio.User, error) {
	var u *folio.User
	err := db.write(ctx, func(tx *Tx) error {
		sets := []string{`user_touched = ?`}
		args := []any{ts(tx.Now)}
		for col, v := range map[string]*string{"user_real_name": upd.RealName,
			"user_email": upd.Email, "user_password": upd.PasswordHash} {
			if v != nil {
				sets, args = append(sets, col+` = ?`), append(args, *v)
			}
		}
		sets, args = passwordSets(tx, upd, sets, args)
		res, err := tx.exec(ctx, `UPDATE "user" SET `+joinComma(sets)+` WHERE user_id = ?`,
			append(args, id)...)
		if err != nil {
			return fmt.Errorf("update user %d: %w", id, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return folio.Errorf(folio.ENoSuchUser, "The user #%d does not exist.", id)
		}
		if upd.Groups != nil {
			if err := setGroups(ctx, tx, id, *upd.Groups); err != nil {
				return err
			}
		}
		u, err = findUser(ctx, tx, `user_id = ?`, id)
		return err
	})
	return u, err
}

// passwordSets adds the password columns that upd changes: a new password
// sets its expiry and drops the temporary password; a temporary password
// is stamped with the transaction time.
func passwordSets(tx *Tx, upd folio.UserUpdate, sets []string, args []any) ([]string, []any) {
	newPass := upd.NewPasswordHash
	if upd.PasswordHash != nil {
		sets, args = append(sets, `user_password_expires = ?`), append(args, nullTS(upd.PasswordExpires))
		if newPass == nil {
			newPass = new(string)
		}
	}
	if newPass != nil {
		var at *string
		if *newPass != "" {
			at = nullTS(&tx.Now)
		}
		sets = append(sets, `user_newpassword = ?`, `user_newpass_time = ?`)
		args = append(args, *newPass, at)
	}
	return sets, args
}
