// Command traefik-gateway runs Traefik's Kubernetes Gateway provider
// (pkg/provider/kubernetes/gateway of the pinned github.com/traefik/traefik/v3
// module) against one cluster: the code that reads GatewayClasses, Gateways,
// routes, Services and ReferenceGrants, builds Traefik's routers and writes
// the Accepted, ResolvedRefs and Programmed conditions back. Traefik's own
// cmd/traefik does not build from the Go module proxy (its ACME package pulls
// in lego's DNS providers, whose Oracle Cloud and Akamai SDKs the proxy
// refuses), so this main does what cmd/traefik does for this provider alone:
// the entry points are handed over as static.Configuration.SetEffectiveConfiguration
// hands them, and the dynamic configuration goes to stdout instead of a router.
//
//	traefik-gateway --kubeconfig FILE --entrypoint web=:80 [--entrypoint websecure=:443,tls]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"
	ptypes "github.com/traefik/paerser/types"
	"github.com/traefik/traefik/v3/pkg/config/dynamic"
	"github.com/traefik/traefik/v3/pkg/provider/kubernetes/gateway"
	"github.com/traefik/traefik/v3/pkg/safe"
)

type entryPoints map[string]gateway.Entrypoint

func (e entryPoints) String() string { return fmt.Sprint(map[string]gateway.Entrypoint(e)) }

// Set reads NAME=ADDRESS[,tls]: the entry point's name and address as in
// Traefik's --entryPoints.NAME.address, and whether it has an HTTP TLS config.
func (e entryPoints) Set(value string) error {
	name, rest, ok := strings.Cut(value, "=")
	if !ok || name == "" || rest == "" {
		return fmt.Errorf("want NAME=ADDRESS[,tls], got %q", value)
	}
	address, tls := strings.CutSuffix(rest, ",tls")
	// Traefik's EntryPoint.GetAddress drops a /udp or /tcp suffix.
	address, _, _ = strings.Cut(address, "/")
	e[name] = gateway.Entrypoint{Address: address, HasHTTPTLSConf: tls}
	return nil
}

func main() {
	eps := entryPoints{}
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the cluster to watch (Traefik reads it from KUBECONFIG)")
	labelSelector := flag.String("label-selector", "", "GatewayClasses to select")
	experimental := flag.Bool("experimental-channel", false, "also TCPRoute and TLSRoute (needs the experimental CRDs)")
	statusIP := flag.String("status-ip", "", "address written to Gateway status.addresses")
	throttle := flag.Duration("throttle", 0, "refresh throttle duration")
	logLevel := flag.String("log-level", "info", "debug, info, warn or error")
	flag.Var(eps, "entrypoint", "NAME=ADDRESS[,tls], repeatable")
	flag.Parse()

	level, err := zerolog.ParseLevel(*logLevel)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	zerolog.SetGlobalLevel(level)
	log.Logger = zerolog.New(os.Stderr).With().Timestamp().Logger()

	if *kubeconfig == "" || len(eps) == 0 {
		fmt.Fprintln(os.Stderr, "--kubeconfig and at least one --entrypoint are required")
		os.Exit(2)
	}
	// The provider's own switch: KUBECONFIG selects the cluster-external client.
	os.Unsetenv("KUBERNETES_SERVICE_HOST")
	os.Setenv("KUBECONFIG", *kubeconfig)

	provider := &gateway.Provider{}
	provider.SetDefaults()
	provider.LabelSelector = *labelSelector
	provider.ExperimentalChannel = *experimental
	provider.ThrottleDuration = ptypes.Duration(*throttle)
	provider.EntryPoints = eps
	if *statusIP != "" {
		provider.StatusAddress = &gateway.StatusAddress{IP: *statusIP}
	}
	if err := provider.Init(); err != nil {
		log.Fatal().Err(err).Msg("init")
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	pool := safe.NewPool(ctx)
	configurations := make(chan dynamic.Message)
	if err := provider.Provide(configurations, pool); err != nil {
		log.Fatal().Err(err).Msg("provide")
	}

	// Each configuration the provider builds, one JSON line: what Traefik's
	// router would serve.
	out := json.NewEncoder(os.Stdout)
	for {
		select {
		case <-ctx.Done():
			done := make(chan struct{})
			go func() { pool.Stop(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
			}
			return
		case message := <-configurations:
			if err := out.Encode(message.Configuration); err != nil {
				log.Error().Err(err).Msg("write configuration")
			}
		}
	}
}
