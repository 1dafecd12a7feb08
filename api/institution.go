package api

import (
	"time"

	"github.com/gin-gonic/gin"

	"badged/issuer"
	"badged/issuer/approval"
)

// CreateFacultyRequest adds a Faculty.
type CreateFacultyRequest struct {
	Code string `json:"code" doc:"short code, unique, without spaces or slashes"`
	Name string `json:"name"`
}

// CreateDepartmentRequest adds a department to a Faculty.
type CreateDepartmentRequest struct {
	FacultyID string `json:"faculty_id"`
	Code      string `json:"code" doc:"short code, unique, without spaces or slashes"`
	Name      string `json:"name"`
}

// AddMemberRequest adds a dated committee membership.
type AddMemberRequest struct {
	UserID    string      `json:"user_id"`
	Seat      issuer.Seat `json:"seat"`
	FacultyID string      `json:"faculty_id,omitempty" doc:"the Faculty a faculty seat represents (required on the SMC)"`
	From      *time.Time  `json:"from,omitempty" doc:"default now"`
	Until     *time.Time  `json:"until,omitempty" doc:"exclusive; omit for an open-ended membership"`
	Chair     bool        `json:"chair,omitempty" doc:"the member is the committee's elected chair"`
}

// EndMemberRequest ends a committee membership.
type EndMemberRequest struct {
	Until *time.Time `json:"until" doc:"when the membership ends (exclusive)"`
}

// SetOutlineFormRequest replaces the Outline form of a kind.
type SetOutlineFormRequest struct {
	Fields []OutlineFieldInput `json:"fields" doc:"1 to 100 fields, in the order the form shows them"`
}

// OutlineFieldInput is one field of the Outline form, as an editor sends it.
type OutlineFieldInput struct {
	Key      string           `json:"key" doc:"1 to 64 lowercase letters, digits or underscores"`
	Label    string           `json:"label"`
	Help     string           `json:"help,omitempty"`
	Type     issuer.FieldType `json:"type"`
	Required bool             `json:"required,omitempty"`
	Options  []string         `json:"options,omitempty" doc:"the choices of a choice field"`
}

func (s *Server) createFaculty(c *gin.Context, p issuer.Principal) (any, error) {
	var req CreateFacultyRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	f, err := s.svc.CreateFaculty(c.Request.Context(), p, req.Code, req.Name)
	if err != nil {
		return nil, err
	}
	return toFaculty(*f), nil
}

func (s *Server) listFaculties(c *gin.Context, p issuer.Principal) (any, error) {
	pg, err := pageOf(c)
	if err != nil {
		return nil, err
	}
	fs, err := s.svc.ListFaculties(c.Request.Context(), p, pg)
	if err != nil {
		return nil, err
	}
	return listOf(fs, pg, toFaculty), nil
}

func (s *Server) createDepartment(c *gin.Context, p issuer.Principal) (any, error) {
	var req CreateDepartmentRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	d, err := s.svc.CreateDepartment(c.Request.Context(), p, req.FacultyID, req.Code, req.Name)
	if err != nil {
		return nil, err
	}
	return toDepartment(*d), nil
}

func (s *Server) listDepartments(c *gin.Context, p issuer.Principal) (any, error) {
	pg, err := pageOf(c)
	if err != nil {
		return nil, err
	}
	ds, err := s.svc.ListDepartments(c.Request.Context(), p, pg)
	if err != nil {
		return nil, err
	}
	return listOf(ds, pg, toDepartment), nil
}

func (s *Server) addMember(c *gin.Context, p issuer.Principal) (any, error) {
	var req AddMemberRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	in := issuer.NewMembership{Committee: issuer.Committee(c.Param("committee")), UserID: req.UserID, Seat: req.Seat,
		FacultyID: req.FacultyID, Until: utcPtr(req.Until), Chair: req.Chair}
	if req.From != nil {
		in.From = req.From.UTC()
	}
	m, err := s.svc.AddMember(c.Request.Context(), p, in)
	if err != nil {
		return nil, err
	}
	return toMembership(*m), nil
}

func (s *Server) endMember(c *gin.Context, p issuer.Principal) (any, error) {
	var req EndMemberRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	m, err := s.svc.EndMember(c.Request.Context(), p, c.Param("id"), req.Until.UTC())
	if err != nil {
		return nil, err
	}
	return toMembership(*m), nil
}

func (s *Server) electChair(c *gin.Context, p issuer.Principal) (any, error) {
	m, err := s.svc.ElectChair(c.Request.Context(), p, c.Param("id"))
	if err != nil {
		return nil, err
	}
	return toMembership(*m), nil
}

func (s *Server) composition(c *gin.Context, p issuer.Principal) (any, error) {
	at, err := timeQuery(c, "at")
	if err != nil {
		return nil, err
	}
	comp, err := s.svc.Composition(c.Request.Context(), p, issuer.Committee(c.Param("committee")), at)
	if err != nil {
		return nil, err
	}
	return toComposition(*comp), nil
}

func (s *Server) outlineForm(c *gin.Context, p issuer.Principal) (any, error) {
	k := approval.Kind(c.Param("kind"))
	fields, err := s.svc.OutlineForm(c.Request.Context(), p, k)
	if err != nil {
		return nil, err
	}
	return OutlineForm{Kind: k, Fields: mapSlice(fields, toOutlineField)}, nil
}

func (s *Server) setOutlineForm(c *gin.Context, p issuer.Principal) (any, error) {
	var req SetOutlineFormRequest
	if err := bindJSON(c, &req); err != nil {
		return nil, err
	}
	k := approval.Kind(c.Param("kind"))
	in := make([]issuer.OutlineField, len(req.Fields))
	for i, f := range req.Fields {
		in[i] = issuer.OutlineField{Key: f.Key, Label: f.Label, Help: f.Help, Type: f.Type, Required: f.Required, Options: f.Options}
	}
	fields, err := s.svc.SetOutlineForm(c.Request.Context(), p, k, in)
	if err != nil {
		return nil, err
	}
	return OutlineForm{Kind: k, Fields: mapSlice(fields, toOutlineField)}, nil
}
