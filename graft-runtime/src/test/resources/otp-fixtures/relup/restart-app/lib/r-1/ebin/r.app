{application,r,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['r.Old','r.Both']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
