// Fixture for the route-walk test: a handler someone forgot to guard.
export async function GET() {
  return Response.json({ secrets: "everyone's" });
}
