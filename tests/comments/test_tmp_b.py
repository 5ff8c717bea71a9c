from tests.factories import make_plan, login_as
def test_x(client, engine):
    p = make_plan(engine)
    login_as(client, "facilitator", plan=p)
    r = client.post(f"/plans/{p}/komentarai", data={"vieta": "@A", "tekstas": "labas"}, follow_redirects=False)
    print(r.status_code, r.headers.get("location"))
    r = client.get(f"/plans/{p}/komentarai")
    print(r.status_code, r.text[r.text.find("<main"):][:3000])
