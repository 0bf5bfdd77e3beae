// Package ext is the extension seam Traefik's dynamic configuration embeds
// (dynamic.HTTP and dynamic.Router inline these structs). Traefik keeps it
// as a nested module of its repository, which a module zip leaves out and
// the Go module proxy does not serve; the open-source build extends nothing,
// so empty structs are the whole of it.
package ext

// HTTP is inlined into Traefik's dynamic.HTTP.
type HTTP struct{}

// Router is inlined into Traefik's dynamic.Router.
type Router struct{}
