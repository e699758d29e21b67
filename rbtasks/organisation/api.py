"""JSON endpoints for areas, agencies and pokja: list, create, read, change.

Reads are open to every token; writes need an admin's token (the services
decide). Each handler parses, calls the service, commits and answers.
"""
from flask import jsonify, request, url_for

from rbtasks.api.routing import ApiRoutes
from rbtasks.api.helpers import (
    PAGE_PARAMETERS, api_user, created, json_body, page_args, page_envelope, parse,
)
from rbtasks.api.spec import operation, page_of, path_id, query, ref
from rbtasks.extensions import db
from rbtasks.organisation import services
from rbtasks.organisation.schemas import (
    AgencyCreate,
    AgencyOut,
    AgencyUpdate,
    AreaCreate,
    AreaOut,
    AreaUpdate,
    PokjaCreate,
    PokjaOut,
    PokjaUpdate,
)

routes = ApiRoutes()


# ---- areas -----------------------------------------------------------------

@routes.get("/areas")
def list_areas():
    return jsonify(page_envelope(services.list_areas(api_user(), **page_args()), AreaOut.dump))


@routes.post("/areas")
def create_area():
    area = services.create_area(api_user(), **parse(AreaCreate, json_body()))
    db.session.commit()
    return created(AreaOut.dump(area), url_for("api.get_area", id=area.id))


@routes.get("/areas/<int:id>")
def get_area(id):
    return jsonify(AreaOut.dump(services.get_area(api_user(), id)))


@routes.patch("/areas/<int:id>")
def update_area(id):
    area = services.update_area(api_user(), id,
                                **parse(AreaUpdate, json_body(), partial=True))
    db.session.commit()
    return jsonify(AreaOut.dump(area))


# ---- agencies --------------------------------------------------------------

@routes.get("/agencies")
def list_agencies():
    agencies = services.list_agencies(api_user(), q=request.args.get("q"), **page_args())
    return jsonify(page_envelope(agencies, AgencyOut.dump))


@routes.post("/agencies")
def create_agency():
    agency = services.create_agency(api_user(), **parse(AgencyCreate, json_body()))
    db.session.commit()
    return created(AgencyOut.dump(agency), url_for("api.get_agency", id=agency.id))


@routes.get("/agencies/<int:id>")
def get_agency(id):
    return jsonify(AgencyOut.dump(services.get_agency(api_user(), id)))


@routes.patch("/agencies/<int:id>")
def update_agency(id):
    agency = services.update_agency(api_user(), id,
                                    **parse(AgencyUpdate, json_body(), partial=True))
    db.session.commit()
    return jsonify(AgencyOut.dump(agency))


# ---- pokja -----------------------------------------------------------------

@routes.get("/pokjas")
def list_pokjas():
    return jsonify(page_envelope(services.list_pokjas(api_user(), **page_args()), PokjaOut.dump))


@routes.post("/pokjas")
def create_pokja():
    pokja = services.create_pokja(api_user(), **parse(PokjaCreate, json_body()))
    db.session.commit()
    return created(PokjaOut.dump(pokja), url_for("api.get_pokja", id=pokja.id))


@routes.get("/pokjas/<int:id>")
def get_pokja(id):
    return jsonify(PokjaOut.dump(services.get_pokja(api_user(), id)))


@routes.patch("/pokjas/<int:id>")
def update_pokja(id):
    pokja = services.update_pokja(api_user(), id,
                                  **parse(PokjaUpdate, json_body(), partial=True))
    db.session.commit()
    return jsonify(PokjaOut.dump(pokja))


# ---- OpenAPI ---------------------------------------------------------------

_WRITE_ERRORS = (401, 403, 409, 422)  # 409: a unique name or code saved in a race


def _crud_paths(tag, plural, singular, out, create, update, list_parameters=()):
    return {
        f"/{plural}": {
            "get": operation(f"List {plural}", tag, {200: page_of(out)},
                             parameters=(*PAGE_PARAMETERS, *list_parameters),
                             errors=(401, 422)),
            "post": operation(f"Create a {singular}", tag, {201: ref(out)}, request=create,
                              errors=_WRITE_ERRORS),
        },
        f"/{plural}/{{id}}": {
            "get": operation(f"One {singular}", tag, {200: ref(out)}, parameters=[path_id()],
                             errors=(401, 404)),
            "patch": operation(f"Change some fields of a {singular}", tag, {200: ref(out)},
                               request=update, parameters=[path_id()],
                               errors=(*_WRITE_ERRORS, 404)),
        },
    }


OPENAPI_PATHS = {
    **_crud_paths("Areas", "areas", "area", AreaOut, AreaCreate, AreaUpdate),
    **_crud_paths("Agencies", "agencies", "agency", AgencyOut, AgencyCreate, AgencyUpdate,
                  list_parameters=[query("q", {"type": "string", "maxLength": 200},
                                         "Text in the name or code")]),
    **_crud_paths("Pokja", "pokjas", "pokja", PokjaOut, PokjaCreate, PokjaUpdate),
}
