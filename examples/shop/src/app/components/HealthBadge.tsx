import { Show, createSignal, onMount } from "solid-js";
import fetchClients from "_/fetch";

interface Health {
  status: "ok" | "degraded";
  uptime: number;
}

export function HealthBadge() {
  const [health, setHealth] = createSignal<Health>();

  const refresh = async () => {
    setHealth((await fetchClients.health.GET()) as Health);
  };

  const wake = async () => {
    await fetchClients["health"].POST();
    await refresh();
  };

  onMount(refresh);

  return (
    <span class="health-badge">
      <Show when={health()} fallback="checking…">
        {(h) => (
          <>
            API {h().status}, up {h().uptime}s
          </>
        )}
      </Show>
      <button type="button" onClick={wake}>
        Recheck
      </button>
    </span>
  );
}
