import type { Data, NewPost, NewUser, Post, User } from "@front/types";

const users: User[] = [
  { id: 1, name: "Ada", email: "ada@example.com", role: "editor" },
  { id: 2, name: "Linus", email: "linus@example.com", role: "author" },
];

const posts: Post[] = [
  {
    id: 1,
    authorId: 1,
    title: "Hello, seed",
    body: "First post of the seed app.",
    publishedAt: "2025-11-20T09:00:00.000Z",
  },
];

export async function listUsers(): Promise<User[]> {
  return users;
}

export async function fetchUserData(): Promise<Data> {
  return { users, total: users.length };
}

export async function findUser(id: number): Promise<User | undefined> {
  return users.find((u) => u.id === id);
}

export async function createUser(input: NewUser): Promise<User> {
  const user = { ...input, id: users.length + 1 };
  users.push(user);
  return user;
}

export async function updateUser(id: number, patch: Partial<NewUser>): Promise<User | undefined> {
  const user = users.find((u) => u.id === id);
  if (user) {
    Object.assign(user, patch);
  }
  return user;
}

export async function listPosts(): Promise<Post[]> {
  return posts.toSorted((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}

export async function createPost(input: NewPost): Promise<Post> {
  const post = { ...input, id: posts.length + 1, publishedAt: new Date().toISOString() };
  posts.push(post);
  return post;
}
