import { createSignal } from "solid-js";
import { DELETE as deletePost } from "@front/{api}/posts/fetch";

export function PostActions(props: { postId: number; onDeleted?: () => void }) {
  const [busy, setBusy] = createSignal(false);

  const remove = async () => {
    if (!confirm("Delete this post?")) {
      return;
    }
    setBusy(true);
    try {
      await deletePost([props.postId]);
      props.onDeleted?.();
    } finally {
      setBusy(false);
    }
  };

  return (
    <button type="button" class="danger" disabled={busy()} onClick={remove}>
      Delete
    </button>
  );
}
