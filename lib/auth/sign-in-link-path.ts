// Where a sign-in link points (the token follows as the URL fragment). Shared by the server
// module that issues links and the admin page that shows them.
export const SIGN_IN_LINK_PATH = "/login/set-password";
