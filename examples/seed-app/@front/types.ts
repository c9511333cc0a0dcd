export interface User {
  id: number;
  name: string;
  email: string;
  role: "author" | "editor";
}

export type NewUser = Omit<User, "id">;

export interface Data {
  users: User[];
  total: number;
}

export interface Post {
  id: number;
  authorId: number;
  title: string;
  body: string;
  publishedAt: string;
}

export type NewPost = Pick<Post, "title" | "body" | "authorId">;

export interface PostsPage {
  page: number;
  pages: number;
  posts: Post[];
}
