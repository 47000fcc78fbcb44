// Where an admin action sends the admin back after re-authenticating (S7): the page of the
// record they were changing. Only plain ids make it into the path; anything else falls back to
// the list, so a crafted form field cannot steer the redirect (safeNextPath checks it again).
const ID = /^[a-z0-9]{1,40}$/i;

export function adminUserPath(userId: unknown): string {
  return typeof userId === "string" && ID.test(userId) ? `/admin/users/${userId}` : "/admin/users";
}

export function adminTeamPath(teamId: unknown): string {
  return typeof teamId === "string" && ID.test(teamId) ? `/admin/teams/${teamId}` : "/admin/teams";
}
