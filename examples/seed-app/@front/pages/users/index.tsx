import { createAsync } from "@solidjs/router";
import { GET as fetchData } from "@front/{api}/users/data/fetch";
import { UserList } from "@front/components/UserList";

export default function Page() {
  // createAsync recognizes that fetchData is the same function from preload
  // and reuses the fetched data instead of fetching again
  const data = createAsync(fetchData);

  return (
    <div>
      {data() && <UserList users={data().users} />}
    </div>
  );
}

// Export the fetch function as preload
export const preload = fetchData;
