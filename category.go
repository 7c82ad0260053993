package folio

import "context"

// Category member types, as in MediaWiki's categorylinks.cl_type column.
const (
	CategoryTypePage   = "page"
	CategoryTypeSubcat = "subcat"
	CategoryTypeFile   = "file"
)

// CategoryMember is one page listed on a category page.
type CategoryMember struct {
	PageID    int64
	Namespace int
	DBKey     string
	// SortKey is the key the member is listed under: the sort key given in
	// [[Category:X|key]], or else the title without its namespace, with
	// spaces. From and Until compare against it.
	SortKey string
	Type    string // CategoryTypePage, CategoryTypeSubcat or CategoryTypeFile
}

// CategoryMemberFilter selects members of one category, in sort key order
// and then by title.
type CategoryMemberFilter struct {
	Category string // DBKey in the Category namespace
	Type     string // one of the CategoryType constants; "" for every type
	// From lists members whose sort key is at or after From.
	From string
	// Until lists the last Limit members whose sort key is before Until;
	// the result is still in ascending order.
	Until string
	Limit int
}

// CategoryCounts tells how many members of each type a category has.
type CategoryCounts struct {
	Pages   int
	Subcats int
	Files   int
}

// CategoryStore lists the members of categories from categorylinks, for
// category pages. FindCategoryListing pages through one category.
type CategoryStore interface {
	FindCategoryListing(ctx context.Context, f CategoryMemberFilter) ([]*CategoryMember, error)
	CountCategoryMembers(ctx context.Context, category string) (*CategoryCounts, error)
}
