def test_login_page_speaks_indonesian_by_default(client):
    response = client.get("/login")
    assert response.status_code == 200
