package syntaxhighlight

import (
	"context"
	"time"

	"github.com/alecthomas/chroma/v2"

	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Time limits of highlighting. Some lexers take time quadratic in the
// length of hostile input (minutes for 100 KB), so a block that runs
// over its budget, or any block once the page has used its budget, is
// shown without colours and tracked as an error.
var (
	BlockBudget = time.Second
	PageBudget  = 3 * time.Second
)

const spentKey = "syntaxhighlight.spent"

// budget bounds the highlighting time of one block and of the page.
type budget struct {
	ctx   context.Context
	exp   *preprocess.Expander
	limit time.Duration
}

func newBudget(f *preprocess.Frame) *budget {
	exp := f.Expander()
	spent, _ := exp.Data[spentKey].(time.Duration)
	limit := min(BlockBudget, PageBudget-spent)
	ctx := exp.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return &budget{ctx: ctx, exp: exp, limit: limit}
}

// tokenise lexes code within the budget; ok is false when it ran out or
// the lexer failed.
func (b *budget) tokenise(lexer chroma.Lexer, code string) (tokens []chroma.Token, ok bool) {
	if b.limit <= 0 {
		return nil, false
	}
	start := time.Now()
	defer func() {
		spent, _ := b.exp.Data[spentKey].(time.Duration)
		b.exp.Data[spentKey] = spent + time.Since(start)
	}()
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return nil, false
	}
	for n := 0; ; n++ {
		t := it()
		if t == chroma.EOF {
			return tokens, true
		}
		tokens = append(tokens, t)
		if n%64 == 0 && (time.Since(start) > b.limit || b.ctx.Err() != nil) {
			return nil, false
		}
	}
}
