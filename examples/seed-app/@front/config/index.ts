export const baseurl = "/";
export const apiurl = "/api"; // relative to baseurl
