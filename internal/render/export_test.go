package render

// TemplateCacheLen reports the size of r's template cache.
func TemplateCacheLen(r *Renderer) (n, bytes int) { return r.templates.len() }
